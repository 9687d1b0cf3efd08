import { describe, expect, it } from 'vitest';
import { spendFreed } from './spend.js';

describe('spendFreed', () => {
  it('prices each SKU’s freed seats, totals per currency and period, and lists SKUs without a price', () => {
    const spend = spendFreed(
      [
        { skuPartNumber: 'SPE_E3', freed: 3 },
        { skuPartNumber: 'SPE_E5', freed: 2 },
        { skuPartNumber: 'POWER_BI_STANDARD', freed: 7 },
        { skuPartNumber: 'VISIOCLIENT', freed: 1 },
      ],
      {
        prices: {
          spe_e3: { amount: 33.75, currency: 'EUR', period: 'month' },
          SPE_E5: { amount: 54.75, currency: 'EUR', period: 'month' },
          VISIOCLIENT: { amount: 180, currency: 'USD', period: 'year' },
        },
      },
    );
    expect(spend.lines.map((l) => [l.skuPartNumber, l.amount])).toEqual([
      ['SPE_E3', 101.25],
      ['SPE_E5', 109.5],
      ['POWER_BI_STANDARD', null],
      ['VISIOCLIENT', 180],
    ]);
    expect(spend.totals).toEqual([
      { currency: 'EUR', period: 'month', amount: 210.75 },
      { currency: 'USD', period: 'year', amount: 180 },
    ]);
  });
});
