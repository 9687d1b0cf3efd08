import type { INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { assignParameters, emulatorCredentials, rl, useTestEmulator } from '../../harness/emulator';
import type { ContextOptions } from '../../harness/executeContext';
import { createContext } from '../support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

async function run(options: Omit<ContextOptions, 'credentials'>) {
	const context = createContext({ ...options, credentials: emulatorCredentials(env.emulator) });
	const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
	return output!.map((o) => o.json);
}

const SALES_GROUP = 'd1e73e6a-ec69-51d6-9509-5c5ab0866192';

describe('User operations', () => {
	it('Get License Details tells direct from inherited licenses, with the granting group', async () => {
		const [patti] = await run({
			parameters: {
				resource: 'user',
				operation: 'getLicenseDetails',
				user: rl('patti@contoso.onmicrosoft.com', 'upn'),
			},
		});
		expect(patti).toMatchObject({
			displayName: 'Patti Fernandez',
			licenses: expect.arrayContaining([
				expect.objectContaining({ skuPartNumber: 'ENTERPRISEPACK', direct: true }),
			]),
		});
		const [isaiah] = await run({
			parameters: {
				resource: 'user',
				operation: 'getLicenseDetails',
				user: rl('isaiah@contoso.onmicrosoft.com', 'upn'),
			},
		});
		expect(isaiah!.licenses).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					skuPartNumber: 'SPE_E3',
					direct: false,
					assignedByGroup: SALES_GROUP,
				}),
			]),
		);
	});

	it('Explain Licenses names every path of every SKU and plan: here SPE_E3 from the group Sales', async () => {
		const [isaiah] = await run({
			parameters: {
				resource: 'user',
				operation: 'explainLicenses',
				user: rl('isaiah@contoso.onmicrosoft.com', 'upn'),
			},
		});
		const skus = isaiah!.skus as Array<{
			skuPartNumber: string;
			paths: unknown[];
			plans: Array<{ servicePlanName: string; enabled: boolean; grantedBy: unknown[] }>;
		}>;
		expect(isaiah!.user).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			userPrincipalName: 'isaiah@contoso.onmicrosoft.com',
		});
		expect(skus.map((s) => [s.skuPartNumber, s.paths])).toEqual([
			[
				'SPE_E3',
				[
					{
						kind: 'group',
						groupId: SALES_GROUP,
						groupName: 'Sales',
						disabledPlans: [],
						state: 'Active',
						error: 'None',
					},
				],
			],
		]);
		expect(skus[0]!.plans.find((p) => p.servicePlanName === 'EXCHANGE_S_ENTERPRISE')).toEqual({
			servicePlanName: 'EXCHANGE_S_ENTERPRISE',
			enabled: true,
			grantedBy: [{ kind: 'group', groupId: SALES_GROUP, groupName: 'Sales' }],
		});
	});

	it('Remove License skips a license inherited from a group and names the group', async () => {
		const [result] = await run({
			parameters: {
				resource: 'user',
				operation: 'removeLicense',
				user: rl('isaiah@contoso.onmicrosoft.com', 'upn'),
				skus: ['SPE_E3'],
			},
		});
		expect(result!.status).toBe('skipped');
		expect(JSON.stringify(result)).toContain(SALES_GROUP);
		const writes = (await env.emulator.requests()).filter(
			(r) => r.method === 'POST' && r.path.endsWith('/assignLicense'),
		);
		expect(writes).toHaveLength(0);
	});

	it('Dry Run of Assign License and Remove License returns the plan and writes nothing to the user', async () => {
		const megan = rl('megan@contoso.onmicrosoft.com', 'upn');
		const writesBefore = (await env.emulator.requests()).filter(
			(r) => r.method === 'POST' && r.path.endsWith('/assignLicense'),
		).length;
		const [assign] = await run({
			parameters: { ...assignParameters('user', megan, 'AAD_PREMIUM_P2'), dryRun: true },
		});
		expect(assign).toMatchObject({ status: 'planned', dryRun: true, summary: { add: 1 } });
		const [remove] = await run({
			parameters: {
				resource: 'user',
				operation: 'removeLicense',
				user: rl('patti@contoso.onmicrosoft.com', 'upn'),
				skus: ['ENTERPRISEPACK'],
				dryRun: true,
			},
		});
		expect(remove).toMatchObject({ status: 'planned', dryRun: true, summary: { remove: 1 } });
		const writes = (await env.emulator.requests()).filter(
			(r) => r.method === 'POST' && r.path.endsWith('/assignLicense'),
		);
		expect(writes).toHaveLength(writesBefore);
	});

	it('Assign License adds a direct license and Reprocess runs group licensing again', async () => {
		const [assigned] = await run({
			parameters: assignParameters(
				'user',
				rl('megan@contoso.onmicrosoft.com', 'upn'),
				'Microsoft Entra ID P1',
			),
		});
		expect(assigned).toMatchObject({ status: 'applied', summary: { add: 1, kept: 1 } });
		const megan = (await env.emulator.readGraph(
			'/users/megan@contoso.onmicrosoft.com?$select=assignedLicenses',
		)) as {
			assignedLicenses: Array<{ skuId: string }>;
		};
		expect(megan.assignedLicenses.map((l) => l.skuId)).toContain(
			'078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
		);

		const [reprocessed] = await run({
			parameters: {
				resource: 'user',
				operation: 'reprocess',
				user: rl('isaiah@contoso.onmicrosoft.com', 'upn'),
			},
		});
		expect(reprocessed).toMatchObject({ reprocessed: true, displayName: 'Isaiah Langer' });
		const calls = (await env.emulator.requests()).filter((r) =>
			r.path.endsWith('/reprocessLicenseAssignment'),
		);
		expect(calls).toHaveLength(1);
	});

	it('refuses to license a user without a usage location, saying so before sending anything', async () => {
		const error = await run({
			parameters: assignParameters(
				'user',
				rl('dana@contoso.onmicrosoft.com', 'upn'),
				'AAD_PREMIUM',
			),
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe(
			'user Dana Kim (dana@contoso.onmicrosoft.com) has no usageLocation, and Graph refuses to assign a license without one. Set usageLocation (a two-letter country code such as US) on the user, or pass the usageLocation option.',
		);
		const dana = (await env.emulator.readGraph(
			'/users/dana@contoso.onmicrosoft.com?$select=id',
		)) as { id: string };
		const writes = (await env.emulator.requests()).filter(
			(r) => r.method === 'POST' && r.target === dana.id,
		);
		expect(writes).toHaveLength(0);

		// Setting the usage location needs User.ReadWrite.All (or Directory.ReadWrite.All), as on Graph.
		const directoryAdmin = createContext({
			credentials: emulatorCredentials(env.emulator, 'directory-admin'),
			parameters: {
				resource: 'user',
				operation: 'assignLicense',
				user: rl('dana@contoso.onmicrosoft.com', 'upn'),
				licenses: { license: [{ sku: 'AAD_PREMIUM', disabledPlans: [] }] },
				options: { usageLocation: 'us' },
			},
		});
		const [output] = (await node.execute!.call(directoryAdmin.execute)) as INodeExecutionData[][];
		expect(output![0]!.json).toMatchObject({ status: 'applied' });
		const after = (await env.emulator.readGraph(
			'/users/dana@contoso.onmicrosoft.com?$select=usageLocation,assignedLicenses',
		)) as {
			usageLocation: string;
			assignedLicenses: Array<{ skuId: string }>;
		};
		expect(after.usageLocation).toBe('US');
		expect(after.assignedLicenses.map((l) => l.skuId)).toEqual([
			'078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
		]);
	});
});
