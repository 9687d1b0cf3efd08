/**
 * The bundled node, loaded from dist/ the way n8n loads it (CommonJS, n8n-workflow from the host), under Graph
 * throttling: the bulk path then waits out Retry-After through the build-time timer shim, which must work with the
 * n8n-workflow that n8n ships (no unit test of the TypeScript sources goes through the shim).
 */
import { createRequire } from 'node:module';
import { type SpawnedEmulator, startEmulator } from '@entra-licensing/n8n-harness';
import type { INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, rl } from '../harness/emulator';
import { createContext } from '../v1/support/context';

const require = createRequire(import.meta.url);

let emulator: SpawnedEmulator;
beforeAll(async () => {
	// Two writes, then one more every 0.5 s per app + tenant: the third write of the run is throttled.
	emulator = await startEmulator({
		timeScale: 1,
		extraArgs: ['--throttle', 'graph,appWrite=2/1s'],
	});
});
afterAll(async () => {
	await emulator?.stop();
});

describe('the bundled node in dist/', () => {
	it('waits out Graph throttling with its shimmed timers and licenses every group', async () => {
		const { MicrosoftEntraLicensing } =
			require('../../dist/nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node.js') as {
				MicrosoftEntraLicensing: new () => IVersionedNodeType;
			};
		const node = new MicrosoftEntraLicensing().nodeVersions[1] as INodeType;
		const listed = (await emulator.readGraph('/groups?$select=id,securityEnabled,mailEnabled')) as {
			value: Array<{ id: string; securityEnabled: boolean }>;
		};
		const groups = listed.value
			.filter((g) => g.securityEnabled)
			.map((g) => g.id)
			.slice(0, 5);
		expect(groups.length).toBeGreaterThanOrEqual(4);

		const context = createContext({
			items: groups.map((id) => ({ id })),
			parameters: (i) => ({
				resource: 'group',
				operation: 'assignLicense',
				group: rl(groups[i]!),
				licenses: { license: [{ sku: 'AAD_PREMIUM', disabledPlans: [] }] },
			}),
			credentials: emulatorCredentials(emulator),
		});
		const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];

		expect(output!.map((o) => o.json.status)).toEqual(groups.map(() => 'applied'));
		const log = await emulator.requests();
		expect(log.filter((r) => r.throttled).length).toBeGreaterThan(0);
		for (const id of groups) {
			const group = (await emulator.readGraph(`/groups/${id}?$select=assignedLicenses`)) as {
				assignedLicenses: Array<{ skuId: string }>;
			};
			expect(group.assignedLicenses.map((l) => l.skuId)).toContain(
				'078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
			);
		}
	});
});
