import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { emulatorCredentials, useTestEmulator } from '../../harness/emulator';
import { createContext } from '../support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

async function run(parameters: Record<string, unknown>, items: IDataObject[] = [{}]) {
	const context = createContext({ parameters, items, credentials: emulatorCredentials(env.emulator) });
	const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
	return output!;
}

describe('SKU operations', () => {
	it('Get Many lists the subscribed products with free seats, once whatever the number of items', async () => {
		const output = await run({ resource: 'sku', operation: 'getAll' }, [{}, {}]);
		const e5 = output.find((o) => o.json.skuPartNumber === 'SPE_E5');
		expect(e5?.json).toMatchObject({ name: 'Microsoft 365 E5', seats: { enabled: 10, consumed: 0, available: 10 } });
		expect(output).toHaveLength(12);
		expect(new Set(output.map((o) => JSON.stringify(o.pairedItem)))).toEqual(new Set([JSON.stringify({ item: 0 })]));
	});

	it('Get finds a product by GUID, part number or name', async () => {
		for (const ref of ['c7df2760-2c81-4ef7-b578-5b5392b571df', 'enterprisepremium', 'Office 365 E5']) {
			const [output] = await run({ resource: 'sku', operation: 'get', sku: ref });
			expect(output?.json).toMatchObject({ skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df', skuPartNumber: 'ENTERPRISEPREMIUM' });
		}
	});

	it('Get of a product the tenant does not have fails with a clear message', async () => {
		await expect(run({ resource: 'sku', operation: 'get', sku: 'Microsoft 365 F3' })).rejects.toThrow(
			/Microsoft 365 F3/,
		);
	});
});
