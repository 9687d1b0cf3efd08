import type { SubscribedSkuLike } from '../core/graph-models.js';
import { guidText } from '../core/guid.js';

/** Seats set aside for one planned write: per skuId, how many it will take if Graph accepts it. */
export interface SeatReservation {
  readonly seats: ReadonlyMap<string, number>;
  /** Still counted as held (neither settled nor released). */
  open: boolean;
}

/**
 * Counts seats truly within one service: the tenant's counts at read time, minus the seats its own writes took
 * since (accepted, or planned and not yet answered), plus the seats its accepted removals freed. The engine plans
 * every write against {@link SeatLedger.apply}, so the 6th user of a SKU with 5 free seats is refused locally,
 * whether the six come in one bulk run or in six calls.
 *
 * A reservation is made when a write is planned, settled when Graph accepts it, released when it is refused or
 * never sent. After an ambiguous answer the engine re-reads the target: if the write landed the reservation is
 * settled, else released; and the ledger asks for the tenant's counts to be read again ({@link needsReread}).
 */
export class SeatLedger {
  /** Seats taken (positive) or freed (negative) by accepted writes since the tenant's counts were read. */
  private readonly settled = new Map<string, number>();
  /** Seats held by planned writes that have no answer yet. */
  private readonly held = new Map<string, number>();
  private version = 0;
  private stale = false;
  private cache:
    | { source: readonly SubscribedSkuLike[]; version: number; result: SubscribedSkuLike[] }
    | undefined;

  /** The tenant's counts were just read: they include every write accepted before. Held seats stay held. */
  rebase(): void {
    this.settled.clear();
    this.stale = false;
    this.version += 1;
  }

  /** An ambiguous write happened: read the tenant's counts again before trusting them. */
  markStale(): void {
    this.stale = true;
  }

  needsReread(): boolean {
    return this.stale;
  }

  /** Seats this service has taken (held or settled) for a SKU since the last read. */
  usedBy(skuId: string): number {
    return (this.settled.get(skuId) ?? 0) + (this.held.get(skuId) ?? 0);
  }

  /** The tenant's SKUs with this service's own writes counted in `consumedUnits` (the same array if none). */
  apply<T extends SubscribedSkuLike>(skus: readonly T[]): readonly T[] {
    if (this.settled.size === 0 && this.held.size === 0) return skus;
    const cached = this.cache;
    if (cached && cached.source === skus && cached.version === this.version) return cached.result as T[];
    const result = skus.map((sku) => {
      const skuId = guidText(sku.skuId);
      const used = skuId ? this.usedBy(skuId) : 0;
      return used === 0 ? sku : { ...sku, consumedUnits: Math.max(0, (sku.consumedUnits ?? 0) + used) };
    });
    this.cache = { source: skus, version: this.version, result };
    return result;
  }

  reserve(seats: ReadonlyMap<string, number>): SeatReservation {
    const kept = new Map([...seats].filter(([, n]) => n > 0));
    for (const [skuId, n] of kept) this.held.set(skuId, (this.held.get(skuId) ?? 0) + n);
    if (kept.size > 0) this.version += 1;
    return { seats: kept, open: true };
  }

  /** Graph accepted the write: its seats are taken. */
  settle(reservation: SeatReservation): void {
    if (!reservation.open) return;
    this.unhold(reservation);
    for (const [skuId, n] of reservation.seats) this.settled.set(skuId, (this.settled.get(skuId) ?? 0) + n);
  }

  /** The write was refused or never sent: its seats are free again. */
  release(reservation: SeatReservation): void {
    if (!reservation.open) return;
    this.unhold(reservation);
  }

  /** An accepted removal freed seats. */
  free(skuId: string, seats: number): void {
    if (seats <= 0) return;
    this.settled.set(skuId, (this.settled.get(skuId) ?? 0) - seats);
    this.version += 1;
  }

  private unhold(reservation: SeatReservation): void {
    reservation.open = false;
    for (const [skuId, n] of reservation.seats) {
      const left = (this.held.get(skuId) ?? 0) - n;
      if (left > 0) this.held.set(skuId, left);
      else this.held.delete(skuId);
    }
    this.version += 1;
  }
}
