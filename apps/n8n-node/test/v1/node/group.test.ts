import { type INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import {
	assignParameters,
	emulatorCredentials,
	GROUP_IDS,
	rl,
	useTestEmulator,
} from '../../harness/emulator';
import type { ContextOptions } from '../../harness/executeContext';
import { createContext } from '../support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

async function run(options: Omit<ContextOptions, 'credentials'>) {
	const context = createContext({ ...options, credentials: emulatorCredentials(env.emulator) });
	const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
	return { output: output!, calls: context.calls, hints: context.hints };
}

async function assignCalls(groupId: string) {
	return (await env.emulator.requests()).filter(
		(r) => r.method === 'POST' && r.path.endsWith(`/groups/${groupId}/assignLicense`),
	);
}

async function licensesOf(groupId: string) {
	const group = (await env.emulator.readGraph(`/groups/${groupId}?$select=assignedLicenses`)) as {
		assignedLicenses: Array<{ skuId: string; disabledPlans: string[] }>;
	};
	return group.assignedLicenses;
}

describe('Group: Assign License', () => {
	it('merges the items of one group into one call and returns one paired item per input', async () => {
		const { output } = await run({
			items: [{ sku: 'AAD_PREMIUM' }, { sku: 'Microsoft Entra ID P2' }],
			parameters: (i) => ({
				resource: 'group',
				operation: 'assignLicense',
				group: rl('Contractors', 'name'),
				licenses: {
					license: [{ sku: i === 0 ? 'AAD_PREMIUM' : 'Microsoft Entra ID P2', disabledPlans: [] }],
				},
			}),
		});
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0]!.json).toMatchObject({
			status: 'applied',
			mergedWithItems: [1],
			summary: { add: 2 },
		});
		expect(output[1]!.json).toMatchObject({ status: 'applied', mergedWithItems: [0] });
		const contractors = String((output[0]!.json.target as { id: string }).id);
		expect(await assignCalls(contractors)).toHaveLength(1);
		expect((await licensesOf(contractors)).map((l) => l.skuId).sort()).toEqual(
			['078d2b04-f1bd-4111-bbd4-b4b1b354cef4', '84a661c4-e949-4bd2-a560-ed7766fcaf2b'].sort(),
		);
	});

	it('checks every item before sending anything: one bad SKU stops the node and nothing is assigned', async () => {
		const error = await run({
			items: [{}, {}],
			parameters: (i) => ({
				resource: 'group',
				operation: 'assignLicense',
				group: rl(GROUP_IDS.licensingPilot),
				licenses: {
					license: [{ sku: i === 0 ? 'EMSPREMIUM' : 'Office 365 E55', disabledPlans: [] }],
				},
			}),
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			'skus[0].sku: no SKU matches "Office 365 E55" by skuId, part number or product name. ' +
				'Did you mean: Office 365 E5 (ENTERPRISEPREMIUM), Office 365 E3 (ENTERPRISEPACK), Office 365 E1 (STANDARDPACK), ' +
				'Office 365 E2 (STANDARDWOFFPACK), Office 365 E4 (ENTERPRISEWITHSCAL)?',
		);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(await assignCalls(GROUP_IDS.licensingPilot)).toHaveLength(0);
	});

	it('names the plan that is not in the SKU: field, value, code', async () => {
		const error = await run({
			parameters: {
				resource: 'group',
				operation: 'assignLicense',
				group: rl(GROUP_IDS.licensingPilot),
				licenses: { license: [{ sku: 'EMSPREMIUM', disabledPlans: ['ATA', 'NOT_A_PLAN'] }] },
			},
		}).catch((e: unknown) => e);
		expect((error as Error).message).toMatch(
			/^skus\[0\]\.disabledPlans\[1\]: Enterprise Mobility \+ Security E5 \(EMSPREMIUM\) has no service plan "NOT_A_PLAN"\. Its plans are: /,
		);
		expect((error as NodeOperationError).description).toMatch(
			/^Did you mean: EXCHANGE_S_FOUNDATION, ATA, .*\? Field: intent\.skus\[0\]\.disabledPlans\[1\]\. Value given: "NOT_A_PLAN"\. \(Error code PLAN_NOT_FOUND\.\)$/,
		);
	});

	it('with Continue On Fail, a group that does not exist fails alone', async () => {
		const { output } = await run({
			continueOnFail: true,
			items: [{}, {}],
			parameters: (i) => ({
				resource: 'group',
				operation: 'assignLicense',
				group: i === 0 ? rl('No Such Group', 'name') : rl('Empty Group', 'name'),
				licenses: { license: [{ sku: 'POWER_BI_STANDARD', disabledPlans: [] }] },
			}),
		});
		expect(output[0]!.json.error).toBe(
			'Group "No Such Group": no group has this display name in the tenant (give its exact display name or its object id). Nothing was sent.',
		);
		expect(output[1]!.json).toMatchObject({ status: 'applied' });
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
	it('names each group from the run’s own read: no request per group beyond the name lookups', async () => {
		const before = (await env.emulator.requests()).length;
		const { output } = await run({
			items: [{}, {}, {}],
			parameters: (i) => ({
				resource: 'group',
				operation: 'setLicenses',
				group: [rl('Empty Group', 'name'), rl('Sales', 'name'), rl(GROUP_IDS.licensingPilot)][i],
				licenses: { license: [{ sku: 'POWER_BI_STANDARD', disabledPlans: [] }] },
				dryRun: true,
			}),
		});
		const log = (await env.emulator.requests()).slice(before);
		const outside = log
			.filter((r) => r.batch === null && r.method === 'GET')
			.map((r) => r.path.replace(/[0-9a-f-]{36}/g, '{id}'));
		// Two name lookups, the tenant's SKUs and the Dry Run's member impact (one read of the licensed groups for
		// the whole run, their members in `$batch`); the group reads (with their names) went in the run's `$batch`.
		expect(outside.sort()).toEqual([
			'/v1.0/groups',
			'/v1.0/groups',
			'/v1.0/groups',
			'/v1.0/subscribedSkus',
		]);
		// Empty Group got this SKU in the test before.
		expect(output.map((o) => o.json.status)).toEqual(['unchanged', 'planned', 'planned']);
		expect(output.map((o) => (o.json.target as { displayName: unknown }).displayName)).toEqual([
			'Empty Group',
			'Sales',
			'Licensing Pilot',
		]);
	});
});

describe('one bulk call per execution', () => {
	it('items with different options (Dry Run on one, Strict Seats on another) are read in one $batch, not one run each', async () => {
		const before = (await env.emulator.requests()).length;
		const { output } = await run({
			items: [{}, {}],
			parameters: (i) => ({
				// Sales holds Microsoft 365 E3 from the seed on: unchanged whatever ran before.
				...(i === 0
					? assignParameters('group', rl('Project Falcon', 'name'), 'POWER_BI_STANDARD')
					: assignParameters('group', rl('Sales', 'name'), 'SPE_E3')),
				dryRun: i === 0,
				options: i === 1 ? { strictSeats: true } : {},
			}),
		});
		expect(output.map((o) => [o.json.status, o.json.dryRun])).toEqual([
			['planned', true],
			['unchanged', false],
		]);
		const reads = (await env.emulator.requests())
			.slice(before)
			.filter(
				(r) =>
					r.batch !== null && r.method === 'GET' && /^\/v1\.0\/groups\/[0-9a-f-]{36}$/.test(r.path),
			);
		const batchesWithBoth = new Set(
			reads
				.map((r) => r.batch?.requestId)
				.filter(
					(id) =>
						new Set(reads.filter((r) => r.batch?.requestId === id).map((r) => r.path)).size === 2,
				),
		);
		console.log(
			'DBG',
			JSON.stringify(
				(await env.emulator.requests())
					.slice(before)
					.map((r) => [r.method, r.path, r.batch?.requestId ?? null, r.target]),
			),
		);
		expect(batchesWithBoth.size).toBe(1);
	});
});

describe('Group: Set Licenses, Update Service Plans, Remove, Get', () => {
	it('Dry Run returns the plan and sends nothing; "remove SKUs not listed" is off by default', async () => {
		const sales = 'd1e73e6a-ec69-51d6-9509-5c5ab0866192';
		const { output } = await run({
			parameters: {
				resource: 'group',
				operation: 'setLicenses',
				group: rl('Sales', 'name'),
				licenses: { license: [{ sku: 'EMSPREMIUM', disabledPlans: [] }] },
				dryRun: true,
			},
		});
		expect(output[0]!.json).toMatchObject({
			status: 'planned',
			summary: { add: 1, remove: 0, kept: 1 },
		});
		expect(await assignCalls(sales)).toHaveLength(0);
	});

	it('"Remove SKUs Not Listed" removes the others, unless Max Removals forbids it', async () => {
		const sales = 'd1e73e6a-ec69-51d6-9509-5c5ab0866192';
		const parameters = {
			resource: 'group',
			operation: 'setLicenses',
			group: rl('Sales', 'name'),
			licenses: { license: [{ sku: 'EMSPREMIUM', disabledPlans: [] }] },
			removeUnlisted: true,
			dryRun: true,
		};
		const { output } = await run({ parameters });
		expect(output[0]!.json).toMatchObject({ status: 'planned', summary: { add: 1, remove: 1 } });
		const error = await run({ parameters: { ...parameters, options: { maxRemovals: 0 } } }).catch(
			(e: unknown) => e,
		);
		expect((error as Error).message).toBe(
			'The plan for group Sales (d1e73e6a-ec69-51d6-9509-5c5ab0866192) removes 1 SKU(s) (Microsoft 365 E3 (SPE_E3)), more than maxRemovals = 0. Nothing was sent.',
		);
		expect((error as NodeOperationError).description).toBe(
			'Field: maxRemovals. Value given: 0. (Error code MAX_REMOVALS_EXCEEDED.)',
		);
		expect(await assignCalls(sales)).toHaveLength(0);
	});

	it('disables and enables plans by name, keeping the other disabled plans', async () => {
		const base = { resource: 'group', group: rl(GROUP_IDS.licensingPilot) };
		await run({
			parameters: {
				...base,
				operation: 'assignLicense',
				licenses: {
					license: [{ sku: 'ENTERPRISEPREMIUM', disabledPlans: ['YAMMER_ENTERPRISE', 'SWAY'] }],
				},
			},
		});
		const { output } = await run({
			parameters: {
				...base,
				operation: 'updateServicePlans',
				sku: 'Office 365 E5',
				disablePlans: ['MICROSOFT_COMMUNICATION_COMPLIANCE'],
				enablePlans: ['SWAY'],
			},
		});
		expect(output[0]!.json).toMatchObject({ status: 'applied', summary: { update: 1 } });
		const [e5] = await licensesOf(GROUP_IDS.licensingPilot);
		expect(e5?.disabledPlans.sort()).toEqual(
			['7547a3fe-08ee-4ccb-b430-5077c5041653', 'a413a9ff-720c-4822-98ef-2f37c2a21f4c'].sort(),
		);

		const { output: got } = await run({ parameters: { ...base, operation: 'getLicenses' } });
		expect(got[0]!.json).toMatchObject({
			displayName: 'Licensing Pilot',
			licenses: [{ skuPartNumber: 'ENTERPRISEPREMIUM', disabledPlans: expect.any(Array) }],
		});
		expect(got[0]!.json.processingState).toEqual(expect.any(String));

		// Taking Office 365 E5 back takes mailboxes from members with no other path: refused unless allowed.
		const refused = await run({
			parameters: { ...base, operation: 'removeLicense', skus: ['ENTERPRISEPREMIUM'] },
		}).catch((e: unknown) => e);
		expect((refused as NodeOperationError).message).toMatch(
			/^Refused before any write: 3 members would lose a mailbox or files they hold through no other path \(group Licensing Pilot /,
		);
		expect((refused as NodeOperationError).description).toMatch(/\(Error code DATA_LOSS\.\)$/);
		expect((await licensesOf(GROUP_IDS.licensingPilot)).map((l) => l.skuId)).toEqual([
			'c7df2760-2c81-4ef7-b578-5b5392b571df',
		]);
		const { output: removed } = await run({
			parameters: {
				...base,
				operation: 'removeLicense',
				skus: ['ENTERPRISEPREMIUM'],
				options: { allowDataLoss: true },
			},
		});
		expect(removed[0]!.json).toMatchObject({ status: 'applied', summary: { remove: 1 } });
		expect(await licensesOf(GROUP_IDS.licensingPilot)).toEqual([]);
	});
});

describe('Dry Run of Assign License, Remove License and Update Service Plans', () => {
	it('each returns the plan, sends nothing, and the same item without Dry Run applies that plan', async () => {
		const group = rl(GROUP_IDS.licensingPilot);
		const before = await licensesOf(GROUP_IDS.licensingPilot);
		const writes = async () => (await assignCalls(GROUP_IDS.licensingPilot)).length - writesBefore;
		const writesBefore = (await assignCalls(GROUP_IDS.licensingPilot)).length;
		const assign = {
			...assignParameters('group', group, 'EMSPREMIUM'),
			skusToRemove: [],
			dryRun: true,
		};
		const { output: planned } = await run({ parameters: assign });
		expect(planned[0]!.json).toMatchObject({
			status: 'planned',
			applied: false,
			dryRun: true,
			summary: { add: 1 },
		});
		const remove = { resource: 'group', operation: 'removeLicense', group, dryRun: true };
		const { output: removal } = await run({ parameters: { ...remove, skus: ['EMSPREMIUM'] } });
		// Nothing to remove: the dry-run assign above sent nothing.
		expect(removal[0]!.json).toMatchObject({ status: 'unchanged', dryRun: true });
		expect(await writes()).toBe(0);
		expect(await licensesOf(GROUP_IDS.licensingPilot)).toEqual(before);

		const { output: applied } = await run({ parameters: { ...assign, dryRun: false } });
		expect(applied[0]!.json).toMatchObject({ status: 'applied', dryRun: false });
		expect(applied[0]!.json.changes).toEqual(planned[0]!.json.changes);
		const { output: plannedPlans } = await run({
			parameters: {
				resource: 'group',
				operation: 'updateServicePlans',
				group,
				sku: 'EMSPREMIUM',
				disablePlans: ['ATA'],
				dryRun: true,
			},
		});
		expect(plannedPlans[0]!.json).toMatchObject({ status: 'planned', summary: { update: 1 } });
		const { output: plannedRemoval } = await run({
			parameters: { ...remove, skus: ['EMSPREMIUM'] },
		});
		expect(plannedRemoval[0]!.json).toMatchObject({ status: 'planned', summary: { remove: 1 } });
		expect(await writes()).toBe(1);
		await run({ parameters: { ...remove, skus: ['EMSPREMIUM'], dryRun: false } });
		expect(await licensesOf(GROUP_IDS.licensingPilot)).toEqual(before);
	});
});

describe('Group: Wait for Processing', () => {
	const waitFor = (group: string) => ({
		resource: 'group',
		operation: 'waitForProcessing',
		group: rl(group, 'name'),
		timeoutSeconds: 30,
		pollSeconds: 0.1,
	});

	it('members who did not get their licenses are a hint above the output, not only a green run', async () => {
		// E5 Rollout: 14 members, Microsoft 365 E5 has 10 free seats.
		await run({ parameters: assignParameters('group', rl('E5 Rollout', 'name'), 'SPE_E5') });
		const { output, hints } = await run({ parameters: waitFor('E5 Rollout') });
		expect(output[0]!.json).toMatchObject({ completed: true, membersWithErrorsCount: 4 });
		expect(hints).toEqual([
			{
				type: 'warning',
				location: 'outputPane',
				message:
					'Group "E5 Rollout": 4 member(s) did not get their licenses (CountViolation on Microsoft 365 E5 (SPE_E5): 4). Who, why and what to do: membersWithErrors.',
			},
		]);
	});

	it('no member in error, no hint', async () => {
		await run({ parameters: assignParameters('group', rl('Sales', 'name'), 'POWER_BI_STANDARD') });
		const { output, hints } = await run({ parameters: waitFor('Sales') });
		expect(output[0]!.json).toMatchObject({ completed: true, membersWithErrorsCount: 0 });
		expect(hints).toEqual([]);
	});
});

describe('Graph refusals', () => {
	it('translates a missing permission into what to grant, naming no secret', async () => {
		const reader = emulatorCredentials(env.emulator, 'licensing-reader');
		const context = createContext({
			credentials: reader,
			parameters: assignParameters('group', rl('Project Falcon', 'name'), 'POWER_BI_STANDARD'),
		});
		const error = (await node
			.execute!.call(context.execute)
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^The app registration is not allowed to do this: /);
		expect(error.description).toContain('LicenseAssignment.ReadWrite.All');
		expect(error.httpCode).toBe('403');
		expect(JSON.stringify(error)).not.toContain(String(reader.clientSecret));
	});

	it('refuses a group that cannot hold licenses before sending anything, naming the group as typed', async () => {
		const error = await run({
			parameters: assignParameters('group', rl('Marketing', 'name'), 'POWER_BI_STANDARD'),
		}).catch((e: unknown) => e);
		expect((error as NodeOperationError).message).toBe(
			'group Marketing (e3983caa-df91-5ec6-9a12-b70adf57c721) is not a security group (securityEnabled: false); only security groups and Microsoft 365 groups with securityEnabled can hold licenses.',
		);
		// The value given is the name typed, with the ID it resolved to.
		expect((error as NodeOperationError).description).toBe(
			'Field: target.id. Value given: "Marketing" ("e3983caa-df91-5ec6-9a12-b70adf57c721"). (Error code GROUP_NOT_ELIGIBLE.)',
		);
		expect(await assignCalls('e3983caa-df91-5ec6-9a12-b70adf57c721')).toHaveLength(0);
	});

	it('names a group ID that does not exist, and gives the error to the item under Continue On Fail', async () => {
		const parameters = {
			resource: 'group',
			operation: 'getLicenses',
			group: rl('0b0b0b0b-0000-4000-8000-000000000000'),
		};
		const error = (await run({ parameters }).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		// Not n8n's "The connection cannot be established" (which "ResourceNotFound" would otherwise trigger).
		expect(error.message).toBe(
			'groupId "0b0b0b0b-0000-4000-8000-000000000000": no group with this id exists in the tenant (Graph answered 404 Request_Resource NotFound). Check the group object id (not its display name or mail).',
		);
		const { output } = await run({ parameters, continueOnFail: true, items: [{}] });
		expect(output).toEqual([
			{ json: { error: error.message, description: error.description }, pairedItem: { item: 0 } },
		]);
	});
});
