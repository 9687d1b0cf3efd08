import { guidText } from '../guid.js';
import type { ResolvedSku } from '../sku-index.js';
import { plural, verb } from './holdings.js';
import type { CompanySubscriptionLike, Finding } from './types.js';

const DAY_MS = 86_400_000;

/** A subscription due to change state within this many days is reported as `expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;
/** … and as critical within this many. */
export const EXPIRING_CRITICAL_DAYS = 7;

function time(value: string | Date | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

/** Whole days from `now` to `when`, rounded up (0 = today or past). */
export function daysUntil(when: number, now: number): number {
  return Math.max(0, Math.ceil((when - now) / DAY_MS));
}

function subscriptionsOf(sku: ResolvedSku, subscriptions: readonly CompanySubscriptionLike[]) {
  return subscriptions.filter(
    (s) => guidText(s.skuId) === sku.skuId || (!s.skuId && s.skuPartNumber === sku.skuPartNumber),
  );
}

function nextDate(subs: readonly CompanySubscriptionLike[], now: number): number | undefined {
  const dates = subs.flatMap((s) => time(s.nextLifecycleDateTime) ?? []).filter((t) => t >= now - DAY_MS);
  return dates.length > 0 ? Math.min(...dates) : undefined;
}

function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

const RENEW =
  'Renew or reactivate the subscription in the Microsoft 365 admin center (Billing › Your products).';

/** `expiring`, `warning`, `suspended`, `lockedOut` and `overAssigned` for one SKU. */
export function lifecycleFindings(
  sku: ResolvedSku,
  subscriptions: readonly CompanySubscriptionLike[],
  now: number,
): Finding[] {
  const findings: Finding[] = [];
  const seats = sku.seats;
  const subs = subscriptionsOf(sku, subscriptions);
  const part = sku.skuPartNumber;
  const name = `${sku.displayName} (${part})`;

  const enabledSubs = subs.filter((s) => (s.status ?? 'Enabled') === 'Enabled');
  const ending = enabledSubs
    .map((s) => ({ s, t: time(s.nextLifecycleDateTime) }))
    .filter((x): x is { s: CompanySubscriptionLike; t: number } => x.t !== undefined)
    .filter((x) => x.t >= now - DAY_MS && daysUntil(x.t, now) <= EXPIRING_WITHIN_DAYS);
  for (const { s, t } of ending) {
    const days = daysUntil(t, now);
    const units = s.totalLicenses ?? 0;
    findings.push({
      kind: 'expiring',
      severity: days <= EXPIRING_CRITICAL_DAYS ? 'critical' : 'warning',
      skuPartNumber: part,
      count: days,
      message: `${s.isTrial ? 'The trial of ' : 'A subscription of '}${name} with ${plural(units, 'license')} ends in ${plural(days, 'day')} (${isoDay(t)}) unless renewed: its seats then go into the grace period.`,
      fix: {
        summary: s.isTrial
          ? 'Buy the product before the trial ends, or remove it from the users who hold it.'
          : `${RENEW} Or turn on recurring billing.`,
      },
    });
  }

  const byStatus = (status: string) => subs.filter((s) => s.status === status);
  const consumed = seats?.consumed ?? 0;
  const enabled = seats?.enabled ?? 0;

  const warningUnits = Math.max(seats?.warning ?? 0, sum(byStatus('Warning')));
  if (warningUnits > 0) {
    const until = nextDate(byStatus('Warning'), now);
    const days = until === undefined ? undefined : daysUntil(until, now);
    findings.push({
      kind: 'warning',
      severity:
        consumed > enabled || (days !== undefined && days <= EXPIRING_CRITICAL_DAYS) ? 'critical' : 'warning',
      skuPartNumber: part,
      count: warningUnits,
      message: `${plural(warningUnits, 'license')} of ${name} expired and ${verb(warningUnits, 'is', 'are')} in the grace period${days === undefined ? '' : `, suspended in ${plural(days, 'day')} (${isoDay(until as number)})`}: users keep service until then.`,
      fix: { summary: RENEW },
    });
  }

  const suspendedUnits = Math.max(seats?.suspended ?? 0, sum(byStatus('Suspended')));
  if (suspendedUnits > 0) {
    const until = nextDate(byStatus('Suspended'), now);
    findings.push({
      kind: 'suspended',
      severity: consumed > enabled ? 'critical' : 'warning',
      skuPartNumber: part,
      count: suspendedUnits,
      message: `${plural(suspendedUnits, 'license')} of ${name} ${verb(suspendedUnits, 'is', 'are')} suspended: not assignable, and the subscription can still be reactivated${until === undefined ? '' : ` until ${isoDay(until)} (${plural(daysUntil(until, now), 'day')})`}.`,
      fix: { summary: RENEW },
    });
  }

  const lockedUnits = Math.max(seats?.lockedOut ?? 0, sum(byStatus('LockedOut')));
  if (lockedUnits > 0) {
    findings.push({
      kind: 'lockedOut',
      severity: 'info',
      skuPartNumber: part,
      count: lockedUnits,
      message: `${plural(lockedUnits, 'license')} of ${name} ${verb(lockedUnits, 'is', 'are')} locked out: the subscription was cancelled and its data is being removed.`,
      fix: {
        summary:
          'Nothing to buy back: check that no user still needs this product, then remove it from the groups and users that assign it.',
      },
    });
  }

  if (consumed > enabled) {
    const over = consumed - enabled;
    findings.push({
      kind: 'overAssigned',
      severity: 'critical',
      skuPartNumber: part,
      count: over,
      message: `${name} has ${consumed} licenses assigned for ${enabled} active seats: ${plural(over, 'license')} over, which Microsoft can take back.`,
      fix: {
        summary: `Buy ${plural(over, 'seat')} of ${part}, or remove it from ${plural(over, 'user')} (start with disabled accounts and guests listed in this report).`,
      },
    });
  }
  return findings;
}

function sum(subs: readonly CompanySubscriptionLike[]): number {
  return subs.reduce((n, s) => n + (s.totalLicenses ?? 0), 0);
}
