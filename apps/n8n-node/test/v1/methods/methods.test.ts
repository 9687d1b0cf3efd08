import { describe, expect, it } from 'vitest';

import { listSearch, loadOptions } from '../../../nodes/MicrosoftEntraLicensing/shared/methods';
import { emulatorCredentials, useTestEmulator } from '../../harness/emulator';
import { createContext } from '../support/context';

const env = useTestEmulator();

function context(currentParameters: Record<string, unknown> = {}) {
	return createContext({
		parameters: {},
		currentParameters,
		credentials: emulatorCredentials(env.emulator),
	}).loadOptions;
}

describe('load options and list search', () => {
	it('names each SKU with its part number and free seats', async () => {
		const options = await loadOptions.getSkus.call(context());
		expect(options).toContainEqual(
			expect.objectContaining({
				name: 'Office 365 E5 — ENTERPRISEPREMIUM (50 of 50 free)',
				value: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
			}),
		);
		expect(options.find((o) => o.name.includes('CRMSTORAGE'))?.description).toContain(
			'cannot be assigned',
		);
	});

	it('lists the plans of the chosen SKU by name', async () => {
		const plans = await loadOptions.getServicePlans.call(
			context({ sku: 'b05e124f-c7cc-45a0-a6aa-8cf78c946968' }),
		);
		expect(plans).toContainEqual({
			name: expect.stringContaining('(ATA)'),
			value: '14ab5db5-e6c4-4b20-b4bc-13e36fd2227f',
		});
		expect(plans.every((p) => !String(p.name).includes('Office 365 E5'))).toBe(true);
	});

	it('searches groups and users by the start of their name, marking a group that cannot hold licenses', async () => {
		const groups = await listSearch.searchGroups.call(context(), 'Licensing');
		expect(groups.results).toEqual([
			{ name: 'Licensing Pilot', value: '1132b215-826f-42a9-8cfe-1643d19d17fd' },
		]);
		const marketing = await listSearch.searchGroups.call(context(), 'Ma');
		expect(marketing.results).toEqual([
			{
				name: 'Marketing — cannot hold licenses (not a security group)',
				value: expect.stringMatching(/^[0-9a-f-]{36}$/),
				description:
					'Only security groups and Microsoft 365 groups with securityEnabled can hold licenses',
			},
		]);
		const users = await listSearch.searchUsers.call(context(), 'adele');
		expect(users.results).toEqual([
			{
				name: 'Adele Vance (adele@contoso.onmicrosoft.com)',
				value: expect.stringMatching(/^[0-9a-f-]{36}$/),
			},
		]);
	});
});
