/**
 * The node inside a real n8n (2.41.1, installed into a cache outside the repository on first use): the packed
 * package is installed as a community package, the credential and the workflows are imported with the n8n CLI,
 * and every workflow runs in one `n8n execute-batch` process against the Graph emulator. Each run's output is
 * compared with the expected JSON, and the emulator's final state is checked.
 */
import { rmSync } from 'node:fs';

import { requestTokenAnswer } from '@entra-licensing/graph-emulator/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tokenFingerprint } from '../../credentials/common/tokenFingerprint';
import {
	type BatchResult,
	emulatorCredential,
	executeBatch,
	exportNodeTypes,
	importCredentials,
	importWorkflows,
	type RequestLogEntry,
	type SpawnedEmulator,
	setUpRealN8n,
} from '../../scripts/n8n-harness.mjs';
import {
	DELEGATED_CREDENTIAL,
	GROUPS,
	PLANS,
	SKUS,
	STALE_CREDENTIAL,
	workflows,
} from './workflows';

const SEED_GROUPS = {
	projectFalcon: '', // resolved from the emulator by name below
};

let emulator: SpawnedEmulator;
let home: string | undefined;
let results: Record<string, BatchResult>;
let n8nStdout = '';
let n8nStderr = '';
let nodeTypes: Awaited<ReturnType<typeof exportNodeTypes>>;
let requests: RequestLogEntry[];
/** The dry-run-then-apply workflow run a second time (a second n8n execute-batch), and what it sent. */
let rerun: Record<string, BatchResult>;
let rerunWrites: RequestLogEntry[];

async function groupId(name: string): Promise<string> {
	const page = (await emulator.readGraph(
		`/groups?$filter=displayName eq '${name}'&$select=id`,
	)) as {
		value: Array<{ id: string }>;
	};
	return page.value[0]!.id;
}

async function groupLicenses(
	id: string,
): Promise<Array<{ skuId: string; disabledPlans: string[] }>> {
	const group = (await emulator.readGraph(`/groups/${id}?$select=assignedLicenses`)) as {
		assignedLicenses: Array<{ skuId: string; disabledPlans: string[] }>;
	};
	return group.assignedLicenses
		.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans].sort() }))
		.sort((a, b) => a.skuId.localeCompare(b.skuId));
}

function assignCalls(id: string): RequestLogEntry[] {
	return requests.filter(
		(r) => r.method === 'POST' && r.path.endsWith(`/groups/${id}/assignLicense`),
	);
}

function output(workflow: { id: string }, node: string): Array<Record<string, unknown>> {
	const result = results[workflow.id];
	expect(result, `workflow ${workflow.id} ran`).toBeDefined();
	expect(result!.error).toBeNull();
	return result!.runData![node]!;
}

function sortedBody(body: unknown) {
	const b = body as {
		addLicenses: Array<{ skuId: string; disabledPlans: string[] }>;
		removeLicenses: string[];
	};
	return {
		addLicenses: b.addLicenses
			.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans].sort() }))
			.sort((x, y) => x.skuId.localeCompare(y.skuId)),
		removeLicenses: [...b.removeLicenses].sort(),
	};
}

beforeAll(async () => {
	const real = await setUpRealN8n({
		emulatorOptions: { timeScale: 20 },
		tarball: inject('nodeTarball'),
	});
	emulator = real.emulator;
	home = real.home;
	SEED_GROUPS.projectFalcon = await groupId('Project Falcon');
	const stale = emulatorCredential(emulator, { ...STALE_CREDENTIAL, app: 'licensing-reader' }) as {
		data: Record<string, string>;
	};
	stale.data.accessToken = 'expired-or-revoked-token';
	// Issued for these very fields (so that the credential sends it and Graph's 401 is what renews it).
	stale.data.tokenFingerprint = tokenFingerprint(stale.data);
	// A delegated credential as n8n stores it after the consent flow (the emulator issues app tokens only).
	const admin = emulator.config.apps.find((a) => a.name === 'licensing-admin')!;
	const token = await requestTokenAnswer(
		{ url: emulator.url, tenantId: emulator.config.tenantId },
		admin,
		{
			scope: `${emulator.url}/.default`,
		},
	);
	const delegated = {
		...DELEGATED_CREDENTIAL,
		type: 'microsoftEntraLicensingOAuth2Api',
		data: {
			cloud: 'custom',
			graphBaseUrl: emulator.url,
			loginBaseUrl: emulator.config.loginBaseUrl,
			tenant: emulator.config.tenantId,
			clientId: admin.clientId,
			clientSecret: admin.clientSecret,
			oauthTokenData: {
				access_token: token.access_token,
				token_type: 'Bearer',
				expires_in: token.expires_in,
			},
		},
	};
	await importCredentials(real.paths, real.home, [emulatorCredential(emulator), stale, delegated]);
	const list = Object.values(workflows);
	await importWorkflows(real.paths, real.home, list);
	({
		results,
		stdout: n8nStdout,
		stderr: n8nStderr,
	} = await executeBatch(
		real.paths,
		real.home,
		list.map((w) => w.id),
	));
	requests = await emulator.requests();
	({ results: rerun } = await executeBatch(real.paths, real.home, [
		workflows.setDryRunThenApply.id,
	]));
	rerunWrites = (await emulator.requests()).slice(requests.length).filter((r) => r.write);
	nodeTypes = await exportNodeTypes(real.paths, real.home);
}, 1_800_000);

afterAll(() => {
	emulator?.stop();
	if (home) rmSync(home, { recursive: true, force: true });
});

describe('real n8n 2.41.1 with the packed node', () => {
	it('loads the community package: action node (and its AI tool variant), polling trigger, icons', () => {
		const ours = nodeTypes.filter((t) => t.name.startsWith('n8n-nodes-entra-licensing.'));
		expect(ours.map((t) => t.name).sort()).toEqual([
			'n8n-nodes-entra-licensing.microsoftEntraLicensing',
			'n8n-nodes-entra-licensing.microsoftEntraLicensingTool',
			'n8n-nodes-entra-licensing.microsoftEntraLicensingTrigger',
		]);
		const action = ours.find((t) => t.name.endsWith('.microsoftEntraLicensing'));
		expect(action).toMatchObject({
			displayName: 'Microsoft Entra Licensing',
			usableAsTool: true,
			iconUrl: {
				light: 'icons/n8n-nodes-entra-licensing/dist/icons/entraLicensing.svg',
				dark: 'icons/n8n-nodes-entra-licensing/dist/icons/entraLicensing.dark.svg',
			},
		});
		expect(ours.find((t) => t.name.endsWith('Trigger'))).toMatchObject({ polling: true });
	});

	it("runs the seed page's example 1 and example 2 as node parameters", async () => {
		const [example1] = output(workflows.seedPage, 'Example 1');
		expect(example1).toMatchObject({
			status: 'applied',
			applied: true,
			summary: { add: 2, remove: 0 },
		});
		// The call sent is the page's example 1 request body.
		expect(sortedBody(example1!.body)).toEqual({
			addLicenses: [
				{ skuId: SKUS.EMSPREMIUM, disabledPlans: [PLANS.EXCHANGE_S_FOUNDATION, PLANS.ATA].sort() },
				{
					skuId: SKUS.ENTERPRISEPREMIUM,
					disabledPlans: [PLANS.MICROSOFT_COMMUNICATION_COMPLIANCE],
				},
			],
			removeLicenses: [],
		});
		const [after] = output(workflows.seedPage, 'After Example 1');
		expect(after).toMatchObject({
			groupId: GROUPS.licensingPilot,
			displayName: 'Licensing Pilot',
			licenses: [
				{
					skuPartNumber: 'EMSPREMIUM',
					disabledPlans: [{ servicePlanName: 'EXCHANGE_S_FOUNDATION' }, { servicePlanName: 'ATA' }],
				},
				{
					skuPartNumber: 'ENTERPRISEPREMIUM',
					disabledPlans: [{ servicePlanName: 'MICROSOFT_COMMUNICATION_COMPLIANCE' }],
				},
			],
		});
		const [example2] = output(workflows.seedPage, 'Example 2');
		expect(example2).toMatchObject({ status: 'applied', summary: { add: 0, remove: 2 } });
		expect(sortedBody(example2!.body)).toEqual({
			addLicenses: [],
			removeLicenses: [SKUS.EMSPREMIUM, SKUS.ENTERPRISEPREMIUM].sort(),
		});
		expect(await groupLicenses(GROUPS.licensingPilot)).toEqual([]);
		expect(assignCalls(GROUPS.licensingPilot)).toHaveLength(2);
	});

	it('assigns by product name with plans disabled by name, group chosen by name', async () => {
		const [result] = output(workflows.assignByName, 'Assign E5 by name');
		expect(result).toMatchObject({
			status: 'applied',
			target: { type: 'group', id: SEED_GROUPS.projectFalcon },
			changes: [
				{
					skuPartNumber: 'ENTERPRISEPREMIUM',
					action: 'add',
					plansDisabled: expect.arrayContaining([
						expect.objectContaining({ label: expect.stringContaining('YAMMER_ENTERPRISE') }),
						expect.objectContaining({ label: expect.stringContaining('BPOS_S_TODO_3') }),
					]),
				},
			],
		});
		const [e5] = await groupLicenses(SEED_GROUPS.projectFalcon);
		expect(e5?.skuId).toBe(SKUS.ENTERPRISEPREMIUM);
		expect(e5?.disabledPlans).toHaveLength(2);
	});

	it('swaps Microsoft 365 E3 for Office 365 E3 in one call', async () => {
		const [result] = output(workflows.swap, 'Swap E3');
		const sales = await groupId('Sales');
		expect(result).toMatchObject({ status: 'applied', summary: { add: 1, remove: 1 } });
		expect(sortedBody(result!.body)).toEqual({
			addLicenses: [{ skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', disabledPlans: [] }],
			removeLicenses: [SKUS.SPE_E3],
		});
		expect(await groupLicenses(sales)).toEqual([
			{ skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', disabledPlans: [] },
		]);
		expect(assignCalls(sales)).toHaveLength(1);
	});

	it('plans with Dry Run without sending anything, then applies the same plan', async () => {
		const [dry] = output(workflows.setDryRunThenApply, 'Dry Run');
		const [applied] = output(workflows.setDryRunThenApply, 'Apply');
		const governance = await groupId('Identity Governance');
		expect(dry).toMatchObject({
			status: 'planned',
			applied: false,
			dryRun: true,
			summary: { add: 2 },
		});
		expect(applied).toMatchObject({
			status: 'applied',
			applied: true,
			dryRun: false,
			summary: { add: 2 },
		});
		expect(sortedBody(applied!.body)).toEqual(sortedBody(dry!.body));
		expect(assignCalls(governance)).toHaveLength(1);
		expect(await groupLicenses(governance)).toEqual([
			{ skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4', disabledPlans: [] },
			{ skuId: SKUS.EMSPREMIUM, disabledPlans: [PLANS.ATA] },
		]);
	});

	it('rerun of the same workflow: same final state, nothing written the second time', async () => {
		const second = rerun[workflows.setDryRunThenApply.id];
		expect(second?.error).toBeNull();
		const [dry] = second!.runData!['Dry Run']!;
		const [applied] = second!.runData!.Apply!;
		expect(dry).toMatchObject({ status: 'unchanged', body: null });
		expect(applied).toMatchObject({ status: 'unchanged', applied: false, body: null });
		expect(rerunWrites).toEqual([]);
		expect(await groupLicenses(await groupId('Identity Governance'))).toEqual([
			{ skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4', disabledPlans: [] },
			{ skuId: SKUS.EMSPREMIUM, disabledPlans: [PLANS.ATA] },
		]);
	});

	it('waits for processing, which ends with members in CountViolation (14 members, 10 seats)', () => {
		const [report] = output(workflows.waitCountViolation, 'Wait');
		expect(report).toMatchObject({
			displayName: 'E5 Rollout',
			processingState: 'ProcessingComplete',
			completed: true,
			timedOut: false,
			membersWithErrorsCount: 4,
		});
		const members = report!.membersWithErrors as Array<{
			errors: Array<{ error: string; explanation: string }>;
		}>;
		for (const member of members) {
			expect(member.errors).toEqual([
				expect.objectContaining({
					error: 'CountViolation',
					skuPartNumber: 'SPE_E5',
					explanation: expect.any(String),
				}),
			]);
		}
	});

	it('fails the workflow on a bad SKU name with the node message, sending nothing', async () => {
		const result = results[workflows.badSku.id]!;
		expect(result.status).toBe('error');
		expect(result.error).toContain(
			'Field: intent.skus[0].sku. Value given: "Office 365 E55". (Error code SKU_NOT_FOUND.)',
		);
		expect(result.error).toContain('on node Assign typo');
		expect(assignCalls(await groupId('Empty Group'))).toHaveLength(0);
	});

	it('with Continue On Fail, gives the bad item its error and merges the other two into one call', async () => {
		const items = output(workflows.continueOnFail, 'Assign per item');
		const paired = results[workflows.continueOnFail.id]!.pairedItems!['Assign per item'];
		expect(paired).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items).toHaveLength(3);
		expect(items[0]).toMatchObject({
			status: 'applied',
			mergedWithItems: [2],
			summary: { add: 2, kept: 1 },
		});
		expect(items[2]).toMatchObject({ status: 'applied', mergedWithItems: [0] });
		expect(items[1]).toEqual({
			error: 'skus[0].sku: no SKU matches "NO_SUCH_PRODUCT" by skuId, part number or product name.',
			description:
				'Field: intent.skus[0].sku. Value given: "NO_SUCH_PRODUCT". (Error code SKU_NOT_FOUND.)',
		});
		const frontline = await groupId('Frontline Workers');
		expect(assignCalls(frontline)).toHaveLength(1);
		expect((await groupLicenses(frontline)).map((l) => l.skuId)).toEqual(
			[
				'078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
				'4b9405b0-7788-4568-add1-99614e613b69',
				'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235',
			].sort(),
		);
		expect(assignCalls(await groupId('Contractors'))).toHaveLength(0);
	});

	it('skips a license a user inherits from a group, naming the group, and reports direct vs inherited', async () => {
		const frontline = await groupId('Frontline Workers');
		const [removal] = output(workflows.userInherited, 'Remove from Zoe');
		expect(removal).toMatchObject({ status: 'skipped', applied: false });
		expect(JSON.stringify(removal)).toContain(frontline);
		const [details] = output(workflows.userInherited, 'Zoe Details');
		expect(details).toMatchObject({ displayName: 'Zoe Fischer' });
		expect(details!.licenses).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					skuPartNumber: 'EXCHANGESTANDARD',
					direct: false,
					assignedByGroup: frontline,
				}),
			]),
		);
		const isaiahWrites = requests.filter(
			(r) => r.method === 'POST' && r.path.includes('/users/') && r.path.endsWith('/assignLicense'),
		);
		expect(isaiahWrites).toHaveLength(0);
	});

	it('works with the delegated OAuth2 credential through n8n’s OAuth2 request path', () => {
		const [sku] = output(workflows.delegated, 'Get E5 (delegated)');
		expect(sku).toMatchObject({ skuPartNumber: 'ENTERPRISEPREMIUM', seats: { enabled: 50 } });
	});

	it('renews an expired token the n8n way: 401, preAuthentication, the request again', () => {
		const [sku] = output(workflows.expiredToken, 'List SKUs');
		expect(sku).toMatchObject({ skuPartNumber: 'AAD_PREMIUM', seats: { enabled: 30 } });
		const reader = emulator.config.apps.find((a) => a.name === 'licensing-reader')!.clientId;
		const calls = requests.filter((r) => r.path === '/v1.0/subscribedSkus');
		expect(calls.some((r) => r.status === 401 && r.clientId === null)).toBe(true);
		expect(calls.some((r) => r.status === 200 && r.clientId === reader)).toBe(true);
	});

	it('never lets a client secret reach the workflow output or n8n’s own output', () => {
		for (const app of emulator.config.apps) {
			expect(JSON.stringify(results)).not.toContain(app.clientSecret);
			expect(n8nStdout).not.toContain(app.clientSecret);
			expect(n8nStderr).not.toContain(app.clientSecret);
		}
	});
});
