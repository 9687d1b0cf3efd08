/**
 * The router and the operation contract: every operation of the node's description has a module with
 * `description` and `execute`, the router refuses an unknown operation, and a failed item's error carries its item
 * index, with the licensing package's error as raised.
 */
import { type INodeExecutionData, type INodeProperties, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import * as group from '../../../nodes/MicrosoftEntraLicensing/v1/actions/group';
import * as sku from '../../../nodes/MicrosoftEntraLicensing/v1/actions/sku';
import * as user from '../../../nodes/MicrosoftEntraLicensing/v1/actions/user';
import { emulatorCredentials, rl, useTestEmulator } from '../../harness/emulator';
import { createContext } from '../support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();
const modules: Record<string, Record<string, unknown>> = { group, user, sku };

function operationValues(description: INodeProperties[], resource: string): string[] {
	const operation = description.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource,
	);
	return (operation?.options ?? []).map((o) => String((o as { value: string }).value));
}

describe('the operation contract', () => {
	it('every operation offered in the editor has a module with description and execute', () => {
		for (const [resource, module] of Object.entries(modules)) {
			const values = operationValues(node.description.properties, resource);
			expect(values.length).toBeGreaterThan(0);
			for (const value of values) {
				const operation = module[value] as { description?: unknown; execute?: unknown };
				expect({
					resource,
					value,
					description: Array.isArray(operation?.description),
					execute: typeof operation?.execute,
				}).toEqual({
					resource,
					value,
					description: true,
					execute: 'function',
				});
			}
		}
	});

	it('refuses an operation the node does not have, naming it', async () => {
		const context = createContext({
			parameters: { resource: 'sku', operation: 'delete' },
			credentials: emulatorCredentials(env.emulator),
		});
		const error = await node.execute!.call(context.execute).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			'The operation "delete" of "sku" is not supported',
		);
	});

	it('stamps the failed item’s index and shows the licensing package’s error as raised', async () => {
		const context = createContext({
			items: [{}, {}],
			parameters: (i) => ({
				resource: 'group',
				operation: 'removeLicense',
				group: rl('Contractors', 'name'),
				skus: [i === 0 ? 'AAD_PREMIUM' : 'No Such Product 123'],
			}),
			credentials: emulatorCredentials(env.emulator),
		});
		const error = await node.execute!.call(context.execute).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect((error as NodeOperationError).message).toBe(
			'skus[0]: no SKU matches "No Such Product 123" by skuId, part number or product name.',
		);
		expect((error as NodeOperationError).description).toBe(
			'Field: intent.skus[0]. Value given: "No Such Product 123". (Error code SKU_NOT_FOUND.)',
		);
	});

	it('under Continue On Fail, gives the error to its item and runs the others', async () => {
		const context = createContext({
			items: [{}, {}],
			continueOnFail: true,
			parameters: (i) => ({
				resource: 'sku',
				operation: 'get',
				sku: i === 0 ? 'AAD_PREMIUM' : 'No Such Product 123',
			}),
			credentials: emulatorCredentials(env.emulator),
		});
		const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
		expect(output!.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output![0]!.json.skuPartNumber).toBe('AAD_PREMIUM');
		expect(typeof output![1]!.json.error).toBe('string');
	});
});
