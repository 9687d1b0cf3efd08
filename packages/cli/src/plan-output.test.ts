import type { LicensePlanJson } from '@entra-licensing/licensing';
import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { PLAN_LEGEND, renderEntry } from './plan-output.js';

// Issue 21 point 4: the human view is rendered from the structured plan, coloured per action while rendering.

const plain = createColors(false);
const colored = createColors(true);

const plan: LicensePlanJson = {
  hasChanges: true,
  summary: { add: 1, update: 0, remove: 1, unchanged: 1, kept: 0 },
  changes: [
    {
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      sku: 'Microsoft 365 E3 (SPE_E3)',
      skuPartNumber: 'SPE_E3',
      action: 'remove',
      disabledPlansBefore: [],
      disabledPlansAfter: null,
      plansDisabled: [],
      plansEnabled: [],
    },
    {
      // a removal asked for a SKU the group does not hold
      skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
      sku: 'Office 365 E3 (ENTERPRISEPACK)',
      skuPartNumber: 'ENTERPRISEPACK',
      action: 'unchanged',
      disabledPlansBefore: null,
      disabledPlansAfter: null,
      plansDisabled: [],
      plansEnabled: [],
    },
    {
      skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
      sku: 'Office 365 E5 (ENTERPRISEPREMIUM)',
      skuPartNumber: 'ENTERPRISEPREMIUM',
      action: 'add',
      disabledPlansBefore: null,
      disabledPlansAfter: [
        { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', label: 'Microsoft Teams (TEAMS1)' },
      ],
      plansDisabled: [
        { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', label: 'Microsoft Teams (TEAMS1)' },
      ],
      plansEnabled: [],
    },
  ],
  warnings: [],
  body: { addLicenses: [], removeLicenses: [] },
};

describe('the plan rendered from its structure', () => {
  it('a SKU the target does not hold is "not held", never "= … (unchanged)"', () => {
    expect(renderEntry({ targetName: 'group Sales (1)', plan, warnings: [] }, plain)).toEqual([
      'License plan for group Sales (1):',
      '  - Microsoft 365 E3 (SPE_E3)',
      '    Office 365 E3 (ENTERPRISEPACK)  (not held: nothing to remove)',
      '  + Office 365 E5 (ENTERPRISEPREMIUM)',
      '      disabled plans: Microsoft Teams (TEAMS1)',
    ]);
  });

  it('each action in its colour; names from the tenant escaped before colouring', () => {
    const lines = renderEntry({ targetName: 'group Ops\u001b[31m (1)', plan, warnings: [] }, colored);
    expect(lines[0]).toBe('\u001b[1mLicense plan for group Ops\\e[31m (1):\u001b[22m');
    expect(lines[1]).toBe('\u001b[31m  - Microsoft 365 E3 (SPE_E3)\u001b[39m');
    expect(lines[3]).toBe('\u001b[32m  + Office 365 E5 (ENTERPRISEPREMIUM)\u001b[39m');
    expect(PLAN_LEGEND).toBe(
      'License changes are shown with these symbols:\n  + add\n  ~ change\n  - remove',
    );
  });
});
