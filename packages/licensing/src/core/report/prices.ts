import { LicensingError } from '../licensing-error.js';
import { allHoldings, groupNameOf, partNumberOf, type TenantView } from './holdings.js';
import type { ReportSpend, ReportUser, SpendLine } from './types.js';

export const PRICE_PERIODS = ['month', 'year'] as const;
export type PricePeriod = (typeof PRICE_PERIODS)[number];

export interface Price {
  amount: number;
  /** ISO 4217 code, e.g. `EUR`. */
  currency: string;
  period: PricePeriod;
}

/** `--prices prices.yaml`: SKU part number → price per seat. */
export interface PriceTable {
  prices: Record<string, Price>;
}

function bad(field: string, value: unknown, message: string): LicensingError {
  return new LicensingError({ code: 'INVALID_INPUT', field, value, message: `${field}: ${message}` });
}

/** Checks a parsed price file (the CLI validates its JSON Schema first; this is the library's own check). */
export function checkPriceTable(value: unknown, field = 'prices'): PriceTable {
  const table = value as { prices?: unknown } | null;
  if (!table || typeof table !== 'object' || !table.prices || typeof table.prices !== 'object')
    throw bad(
      field,
      value,
      'must be an object with `prices: { <SKU part number>: { amount, currency, period } }`.',
    );
  const prices: Record<string, Price> = {};
  for (const [part, raw] of Object.entries(table.prices as Record<string, unknown>)) {
    const at = `${field}.${part}`;
    const p = raw as Partial<Price> | null;
    if (!p || typeof p !== 'object') throw bad(at, raw, 'must be { amount, currency, period }.');
    if (typeof p.amount !== 'number' || !Number.isFinite(p.amount) || p.amount < 0)
      throw bad(`${at}.amount`, p.amount, 'must be a number, 0 or more.');
    if (typeof p.currency !== 'string' || !/^[A-Z]{3}$/.test(p.currency))
      throw bad(`${at}.currency`, p.currency, 'must be a three-letter ISO 4217 code such as EUR or USD.');
    if (!PRICE_PERIODS.includes(p.period as PricePeriod))
      throw bad(`${at}.period`, p.period, `must be one of ${PRICE_PERIODS.join(', ')}.`);
    prices[part] = { amount: p.amount, currency: p.currency, period: p.period as PricePeriod };
  }
  return { prices };
}

function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * Spend on unassigned seats, and on licenses of disabled accounts and guests, per SKU and (for inherited licenses)
 * per group. Totals are per currency and period: amounts of different currencies are never added together.
 */
export function spendOf(view: TenantView, table: PriceTable): ReportSpend {
  const lines: SpendLine[] = [];
  const line = (on: SpendLine['on'], skuId: string, seats: number, group?: string): void => {
    const part = partNumberOf(view, skuId);
    const price = table.prices[part];
    if (!price || seats <= 0) return;
    lines.push({
      on,
      skuPartNumber: part,
      ...(group ? { groupId: group, groupName: groupNameOf(view, group) } : {}),
      seats,
      period: price.period,
      cost: { amount: round(seats * price.amount), currency: price.currency },
    });
  };
  for (const sku of view.skus) line('unassigned', sku.skuId, sku.seats?.available ?? 0);
  const who: [SpendLine['on'], (u: ReportUser) => boolean][] = [
    ['disabledAccounts', (u) => u.accountEnabled === false],
    ['guests', (u) => u.userType === 'Guest'],
  ];
  for (const [on, matches] of who) {
    const counts = new Map<string, number>();
    for (const h of allHoldings(view)) {
      if (!h.held || !matches(h.user)) continue;
      const direct = h.paths.some((p) => p.active && p.groupId === null);
      const group = direct ? '' : (h.paths.find((p) => p.active && p.groupId)?.groupId ?? '');
      const key = `${h.skuId}|${group}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, seats] of counts) {
      const [skuId, group] = key.split('|') as [string, string];
      line(on, skuId, seats, group || undefined);
    }
  }
  const totals = new Map<string, ReportSpend['totals'][number]>();
  for (const l of lines) {
    const key = `${l.on}|${l.period}|${l.cost.currency}`;
    const total = totals.get(key) ?? {
      on: l.on,
      period: l.period,
      cost: { amount: 0, currency: l.cost.currency },
    };
    total.cost.amount = round(total.cost.amount + l.cost.amount);
    totals.set(key, total);
  }
  return {
    lines,
    totals: [...totals.values()],
    unpriced: view.skus.filter((s) => !table.prices[s.skuPartNumber]).map((s) => s.skuPartNumber),
  };
}
