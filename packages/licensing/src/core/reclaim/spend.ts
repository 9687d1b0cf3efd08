import type { Price, PriceTable } from '../report/prices.js';

/** What the freed seats of one SKU cost (a SKU without a price is listed with `price: null`). */
export interface FreedSpendLine {
  skuPartNumber: string;
  freed: number;
  price: Price | null;
  /** freed × price, rounded to cents; null without a price. */
  amount: number | null;
}

export interface FreedSpend {
  lines: FreedSpendLine[];
  /** Per currency and period (amounts of different currencies are never added together). */
  totals: { currency: string; period: Price['period']; amount: number }[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** The spend the reclaimed seats free, from the report's price table (by SKU part number). */
export function spendFreed(
  seats: readonly { skuPartNumber: string; freed: number }[],
  table: PriceTable,
): FreedSpend {
  const byPart = new Map(Object.entries(table.prices).map(([part, price]) => [part.toLowerCase(), price]));
  const totals = new Map<string, { currency: string; period: Price['period']; amount: number }>();
  const lines = seats.map((s): FreedSpendLine => {
    const price = byPart.get(s.skuPartNumber.toLowerCase()) ?? null;
    if (!price) return { ...s, price: null, amount: null };
    const amount = cents(s.freed * price.amount);
    const key = `${price.currency}/${price.period}`;
    const total = totals.get(key) ?? { currency: price.currency, period: price.period, amount: 0 };
    total.amount = cents(total.amount + amount);
    totals.set(key, total);
    return { ...s, price, amount };
  });
  return {
    lines,
    totals: [...totals.values()].sort(
      (a, b) => a.currency.localeCompare(b.currency) || a.period.localeCompare(b.period),
    ),
  };
}
