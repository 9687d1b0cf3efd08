/**
 * Tenant › Find Reclaimable Licenses and Group › Remove Member against the Graph emulator over HTTP: a dormant
 * member's group-inherited license is found and reclaimed by taking them out of the licensing group; the data-loss
 * guard refuses, before any write, a removal that takes a mailbox unless Allow Data Loss is on; without
 * AuditLog.Read.All the search falls back to the `disabled` bucket and says why in an execution hint.
 */
import { defaultSeed, type Seed, type SeedUser } from '@entra-licensing/graph-emulator';
import { startEmulator } from '@entra-licensing/n8n-harness';
import type { INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { emulatorCredentials, rl, type SpawnedEmulator } from '../../harness/emulator';
import type { ContextOptions } from '../../harness/executeContext';
import { createContext } from '../support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const DOMAIN = defaultSeed.ids.tenantDomain;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const id = (n: number) => `0000bbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SALES = '5a1e5000-0000-4000-8000-0000000000c1';
const POWER_BI = '5a1e5000-0000-4000-8000-0000000000c2';
const ON_LEAVE = '5a1e5000-0000-4000-8000-0000000000c3';
const CREATED = ago(400);
const OLD = {
	lastSignInDateTime: ago(200),
	lastNonInteractiveSignInDateTime: ago(150),
	lastSuccessfulSignInDateTime: ago(150),
};

const person = (n: number, key: string, facts: Partial<SeedUser>): SeedUser => ({
	id: id(n),
	userPrincipalName: `${key}@${DOMAIN}`,
	displayName: key,
	usageLocation: 'US',
	createdDateTime: CREATED,
	...facts,
});

const { ids: _ids, ...base } = defaultSeed;
/** Sales grants SPE_E3 (an Exchange mailbox), Power BI grants POWER_BI_STANDARD (no data). */
const seed: Seed = {
	...base,
	skus: [
		{ sku: 'SPE_E3', enabled: 10 },
		{ sku: 'POWER_BI_STANDARD', enabled: 100 },
	],
	users: [
		person(1, 'mailbox', { signInActivity: OLD }),
		person(2, 'viewer', { signInActivity: OLD }),
		person(3, 'onleave', { signInActivity: OLD }),
		person(4, 'active', { signInActivity: { lastSuccessfulSignInDateTime: ago(1) } }),
		person(5, 'blocked', {
			accountEnabled: false,
			signInActivity: { lastSuccessfulSignInDateTime: ago(1) },
			licenses: [{ sku: 'POWER_BI_STANDARD' }],
		}),
	],
	groups: [
		{
			id: SALES,
			displayName: 'Sales',
			kind: 'security',
			members: [`mailbox@${DOMAIN}`, `active@${DOMAIN}`],
			licenses: [{ sku: 'SPE_E3' }],
		},
		{
			id: POWER_BI,
			displayName: 'Power BI',
			kind: 'security',
			members: [`viewer@${DOMAIN}`, `onleave@${DOMAIN}`],
			licenses: [{ sku: 'POWER_BI_STANDARD' }],
		},
		{ id: ON_LEAVE, displayName: 'On leave', kind: 'security', members: [`onleave@${DOMAIN}`] },
	],
};

let emulator: SpawnedEmulator;
beforeAll(async () => {
	emulator = await startEmulator({ timeScale: 50, processingDelayMs: 200, seed });
});
afterAll(() => emulator?.stop());
beforeEach(async () => {
	await emulator.reset();
	await emulator.clearRequests();
});

async function run(
	parameters: ContextOptions['parameters'],
	options: { app?: string; items?: ContextOptions['items'] } = {},
) {
	const context = createContext({
		parameters,
		...(options.items ? { items: options.items } : {}),
		credentials: emulatorCredentials(emulator, options.app ?? 'licensing-reclaimer'),
	});
	const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
	return { json: output!.map((o) => o.json), hints: context.hints };
}

const writes = async () =>
	(await emulator.requests())
		.filter((r) => r.method !== 'GET' && !r.path.endsWith('/token') && !r.path.endsWith('/$batch'))
		.map((r) => [r.method, r.path, r.status]);

const FIND = {
	resource: 'tenant',
	operation: 'findReclaimable',
	inactiveDays: 90,
	// The emulator stamps every seeded license path with its start-up time: no grace period, or nothing qualifies.
	graceDays: 0,
	exemptUsers: '',
	exemptGroups: 'On leave',
	skus: [],
};

describe('Tenant › Find Reclaimable Licenses', () => {
	it('one item per candidate with its evidence and the action that frees each seat', async () => {
		const { json, hints } = await run(FIND);
		expect(hints).toEqual([]);
		expect(json.map((c) => [c.userPrincipalName, c.bucket])).toEqual([
			[`mailbox@${DOMAIN}`, 'dormant'],
			[`viewer@${DOMAIN}`, 'dormant'],
			[`blocked@${DOMAIN}`, 'disabled'],
		]);
		const viewer = json[1]!;
		expect(Object.keys(viewer).sort()).toEqual([
			'actions',
			'bucket',
			'evidence',
			'id',
			'userPrincipalName',
		]);
		expect(viewer.id).toBe(id(2));
		expect(viewer.evidence).toEqual({ createdDateTime: CREATED, ...OLD });
		expect(viewer.actions).toEqual([
			{
				kind: 'removeGroupMember',
				skuPartNumber: 'POWER_BI_STANDARD',
				groupId: POWER_BI,
				groupName: 'Power BI',
				impact: {
					members: 1,
					losing: [
						expect.objectContaining({ id: id(2), skus: ['POWER_BI_STANDARD'], dataBearing: [] }),
					],
					gaining: [],
				},
			},
		]);
		expect(json[2]!.actions).toEqual([
			expect.objectContaining({ kind: 'removeDirectLicense', skuPartNumber: 'POWER_BI_STANDARD' }),
		]);
	});

	it('without AuditLog.Read.All: the disabled bucket alone, and a hint that says why', async () => {
		const { json, hints } = await run(FIND, { app: 'licensing-admin' });
		expect(json.map((c) => [c.userPrincipalName, c.bucket])).toEqual([
			[`blocked@${DOMAIN}`, 'disabled'],
		]);
		expect(hints).toHaveLength(1);
		expect(hints[0]!.type).toBe('warning');
		expect(hints[0]!.message).toMatch(
			/^Only the "disabled" bucket was searched: .*AuditLog\.Read\.All/,
		);
	});

	it('names the field and value of a bad exempt group, before reading the tenant', async () => {
		const error = await run({ ...FIND, exemptGroups: 'No Such Group' }).catch((e: unknown) => e);
		expect((error as { description?: string }).description).toMatch(
			/Field: exceptions\.groups\[0\]\. Value given: "No Such Group"/,
		);
	});
});

describe('Group › Remove Member', () => {
	it("reclaims a found candidate's group-inherited license by taking them out of the group", async () => {
		const { json: candidates } = await run(FIND);
		const viewer = candidates.find((c) => c.id === id(2))!;
		const action = (viewer.actions as Array<{ groupId: string }>)[0]!;
		await emulator.clearRequests();
		const { json } = await run({
			resource: 'group',
			operation: 'removeMember',
			group: rl(action.groupId, 'id'),
			user: rl(String(viewer.userPrincipalName), 'upn'),
			dryRun: false,
			options: {},
		});
		expect(json).toEqual([
			{
				status: 'applied',
				applied: true,
				dryRun: false,
				group: { id: POWER_BI, displayName: 'Power BI' },
				user: { id: id(2), userPrincipalName: `viewer@${DOMAIN}` },
				impact: {
					members: 1,
					losing: [
						expect.objectContaining({ id: id(2), skus: ['POWER_BI_STANDARD'], dataBearing: [] }),
					],
					gaining: [],
				},
				dataLosses: [],
			},
		]);
		expect(await writes()).toEqual([
			['DELETE', `/v1.0/groups/${POWER_BI}/members/${id(2)}/$ref`, 204],
		]);
		await run({ resource: 'group', operation: 'waitForProcessing', group: rl(POWER_BI, 'id') });
		const { json: after } = await run({
			resource: 'user',
			operation: 'getLicenseDetails',
			user: rl(id(2), 'id'),
		});
		expect(after[0]!.licenses).toEqual([]);
	});

	it('the data-loss guard refuses to take a mailbox without Allow Data Loss, and sends nothing', async () => {
		const params = {
			resource: 'group',
			operation: 'removeMember',
			group: rl('Sales', 'name'),
			user: rl(`mailbox@${DOMAIN}`, 'upn'),
			dryRun: false,
			options: {},
		};
		const error = (await run(params).catch((e: unknown) => e)) as {
			message: string;
			description: string;
		};
		expect(error.message).toMatch(
			/^Refused before any write: 1 member would lose a mailbox or files/,
		);
		expect(error.description).toBe(
			'Field: allowDataLoss. Value given: false. (Error code DATA_LOSS.)',
		);
		expect(await writes()).toEqual([]);
		const { json } = await run({ ...params, options: { allowDataLoss: true } });
		expect(json[0]).toMatchObject({ status: 'applied', user: { id: id(1) } });
		const losing = (json[0]!.dataLosses as Array<{ losing: Array<{ id: string }> }>).flatMap((l) =>
			l.losing.map((m) => m.id),
		);
		expect([...new Set(losing)]).toEqual([id(1)]);
		expect(await writes()).toEqual([
			['DELETE', `/v1.0/groups/${SALES}/members/${id(1)}/$ref`, 204],
		]);
	});
});
