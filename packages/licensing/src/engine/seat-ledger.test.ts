import { describe, expect, it } from 'vitest';
import { seatsOf } from '../core/sku-index.js';
import { skuIdOf, tenantSku } from '../test-support/tenant-skus.js';
import { SeatLedger } from './seat-ledger.js';

const P2 = skuIdOf('AAD_PREMIUM_P2');
const tenant = [
  tenantSku('AAD_PREMIUM_P2', { enabled: 5, consumed: 0 }),
  tenantSku('SPE_E3', { enabled: 25 }),
];
const free = (ledger: SeatLedger) => seatsOf(ledger.apply(tenant)[0] ?? {}).available;

describe('SeatLedger', () => {
  it('returns the same array while nothing is counted, and counts held and settled seats', () => {
    const ledger = new SeatLedger();
    expect(ledger.apply(tenant)).toBe(tenant);
    const first = ledger.reserve(new Map([[P2, 1]]));
    expect(free(ledger)).toBe(4);
    ledger.settle(first);
    expect(free(ledger)).toBe(4);
    expect(ledger.usedBy(P2)).toBe(1);
    // Other SKUs keep their counts (and their object).
    expect(ledger.apply(tenant)[1]).toBe(tenant[1]);
  });

  it('frees the seats of a write that was refused or never sent; settling twice counts once', () => {
    const ledger = new SeatLedger();
    const held = ledger.reserve(new Map([[P2, 2]]));
    ledger.release(held);
    ledger.settle(held);
    expect(free(ledger)).toBe(5);
    const taken = ledger.reserve(new Map([[P2, 2]]));
    ledger.settle(taken);
    ledger.settle(taken);
    ledger.release(taken);
    expect(free(ledger)).toBe(3);
  });

  it('credits seats freed by accepted removals, and forgets settled seats when the tenant is read again', () => {
    const ledger = new SeatLedger();
    for (let i = 0; i < 5; i++) ledger.settle(ledger.reserve(new Map([[P2, 1]])));
    expect(free(ledger)).toBe(0);
    ledger.free(P2, 1);
    expect(free(ledger)).toBe(1);
    const inFlight = ledger.reserve(new Map([[P2, 1]]));
    ledger.rebase();
    // The new read includes every accepted write; the write still in flight stays held.
    expect(free(ledger)).toBe(4);
    ledger.release(inFlight);
    expect(ledger.apply(tenant)).toBe(tenant);
  });

  it('asks for a re-read of the tenant after an ambiguous write, until the next read', () => {
    const ledger = new SeatLedger();
    expect(ledger.needsReread()).toBe(false);
    ledger.markStale();
    expect(ledger.needsReread()).toBe(true);
    ledger.rebase();
    expect(ledger.needsReread()).toBe(false);
  });

  it('ignores empty reservations and never counts below zero consumed', () => {
    const ledger = new SeatLedger();
    const none = ledger.reserve(new Map([[P2, 0]]));
    expect(none.seats.size).toBe(0);
    expect(ledger.apply(tenant)).toBe(tenant);
    ledger.free(P2, 3);
    expect(ledger.apply(tenant)[0]?.consumedUnits).toBe(0);
  });
});
