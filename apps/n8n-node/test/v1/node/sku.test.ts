import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { emulatorCredentials, useTestEmulator } from '../../harness/emulator';
import { createContext } from '../support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

async function run(parameters: Record<string, unknown>, items: IDataObject[] = [{}]) {
	const context = createContext({
		parameters,
		items,
		credentials: emulatorCredentials(env.emulator),
	});
	const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
	return output!;
}

const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

/** Who holds a SKU, read from the emulator's own Graph (not through the node). */
async function holdersOf(skuId: string): Promise<string[]> {
	const page = (await env.emulator.readGraph('/users?$select=id,assignedLicenses&$top=999')) as {
		value: Array<{ id: string; assignedLicenses: Array<{ skuId: string }> }>;
	};
	return page.value
		.filter((u) => u.assignedLicenses.some((l) => l.skuId === skuId))
		.map((u) => u.id)
		.sort();
}

describe('SKU operations', () => {
	it('Get Holders gives one item per holder, each with the paths that grant the SKU', async () => {
		const output = await run({ resource: 'sku', operation: 'getHolders', sku: 'SPE_E3' });
		expect(output.map((o) => String(o.json.userId)).sort()).toEqual(await holdersOf(SPE_E3));
		expect(output.length).toBeGreaterThan(1);
		expect(new Set(output.map((o) => JSON.stringify(o.pairedItem)))).toEqual(
			new Set([JSON.stringify({ item: 0 })]),
		);
		const adele = output.find((o) => o.json.userPrincipalName === 'adele@contoso.onmicrosoft.com');
		expect(adele?.json).toEqual({
			userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			userPrincipalName: 'adele@contoso.onmicrosoft.com',
			displayName: 'Adele Vance',
			accountEnabled: true,
			skuId: SPE_E3,
			skuPartNumber: 'SPE_E3',
			paths: [
				{
					kind: 'group',
					groupId: 'd1e73e6a-ec69-51d6-9509-5c5ab0866192',
					groupName: 'Sales',
					disabledPlans: [],
					state: 'Active',
					error: 'None',
				},
			],
		});
		const exchange = await run({
			resource: 'sku',
			operation: 'getHolders',
			sku: 'SPE_E3',
			plan: 'EXCHANGE_S_ENTERPRISE',
		});
		expect(exchange.every((o) => o.json.servicePlanName === 'EXCHANGE_S_ENTERPRISE')).toBe(true);
		expect(exchange.length).toBeGreaterThan(0);
	});

	it('Get Many lists the subscribed products with free seats, once whatever the number of items', async () => {
		const output = await run({ resource: 'sku', operation: 'getAll' }, [{}, {}]);
		const e5 = output.find((o) => o.json.skuPartNumber === 'SPE_E5');
		expect(e5?.json).toMatchObject({
			name: 'Microsoft 365 E5',
			seats: { enabled: 10, consumed: 0, available: 10 },
		});
		expect(output).toHaveLength(12);
		expect(new Set(output.map((o) => JSON.stringify(o.pairedItem)))).toEqual(
			new Set([JSON.stringify({ item: 0 })]),
		);
	});

	it('Get finds a product by GUID, part number or name', async () => {
		for (const ref of [
			'c7df2760-2c81-4ef7-b578-5b5392b571df',
			'enterprisepremium',
			'Office 365 E5',
		]) {
			const [output] = await run({ resource: 'sku', operation: 'get', sku: ref });
			expect(output?.json).toMatchObject({
				skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
				skuPartNumber: 'ENTERPRISEPREMIUM',
			});
		}
	});

	it('Get of a product the tenant does not have fails with a clear message', async () => {
		await expect(
			run({ resource: 'sku', operation: 'get', sku: 'Microsoft 365 F3' }),
		).rejects.toThrow(/Microsoft 365 F3/);
	});
});
