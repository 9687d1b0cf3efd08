import { describe, expect, it } from 'vitest';
import { caught } from '../test-support/caught.js';
import { MAX_REFERENCE_LENGTH, resolveServicePlan, resolveSku } from './resolve.js';
import { matchWork } from './text-match.js';

/** Edit-distance cells spent resolving `ref` (the work "did you mean" does), without measuring time. */
function workFor(run: () => unknown): number {
  const before = matchWork.cells;
  try {
    run();
  } catch {
    // the failure itself is checked elsewhere; only the work counts here
  }
  return matchWork.cells - before;
}

describe('bounded input: resolution work does not grow with garbage', () => {
  it('refuses a 100,000-character SKU name at once, without comparing it to any name', () => {
    const huge = 'Microsoft 365 E3 '.repeat(6000);
    expect(workFor(() => resolveSku(huge))).toBe(0);
    const error = caught(() => resolveSku(huge, undefined, { field: 'skus[0]' }));
    expect([error.code, error.field, error.value]).toEqual(['INVALID_INPUT', 'skus[0]', huge]);
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain(`${huge.length} characters`);
  });

  it('refuses a reference one character over the limit, and a plan name likewise', () => {
    const over = 'x'.repeat(MAX_REFERENCE_LENGTH + 1);
    expect(caught(() => resolveSku(over)).code).toBe('INVALID_INPUT');
    expect(resolveSku('SPE_E3').skuPartNumber).toBe('SPE_E3');
    const e3 = resolveSku('SPE_E3');
    expect(workFor(() => resolveServicePlan(e3, 'p'.repeat(100_000)))).toBe(0);
    expect(caught(() => resolveServicePlan(e3, over, { field: 'disable[0]' })).field).toBe('disable[0]');
  });

  it('spends a bounded amount of work at every accepted length (peak near real names, none past them)', () => {
    const cells: number[] = [];
    for (let length = 8; length <= MAX_REFERENCE_LENGTH; length += 8) {
      const garbage = `${'Microsoft Office Enterprise '.repeat(10).slice(0, length - 1)}q`;
      cells.push(workFor(() => resolveSku(garbage)));
    }
    // Measured: at most about 700,000 cells (near 48 characters), 0 beyond 150. Before the bounds, a
    // 100,000-character name cost about 100,000 × name length × every catalog name: billions of cells.
    expect(Math.max(...cells)).toBeLessThan(2_000_000);
    expect(cells.at(-1)).toBe(0);
  });
});
