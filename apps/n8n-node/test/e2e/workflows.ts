/**
 * The end-to-end workflows, as n8n would export them: a manual trigger, sometimes a few input items, and the
 * node under test with its parameters. Each works on its own group of the emulator's seed tenant, so their order
 * does not matter.
 */

export const CREDENTIAL = { id: 'entraEmulator01', name: 'Graph Emulator (licensing-admin)' };
export const NODE_TYPE = 'n8n-nodes-entra-licensing.microsoftEntraLicensing';

export const GROUPS = {
	licensingPilot: '1132b215-826f-42a9-8cfe-1643d19d17fd',
};

export const SKUS = {
	EMSPREMIUM: 'b05e124f-c7cc-45a0-a6aa-8cf78c946968',
	ENTERPRISEPREMIUM: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
	SPE_E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
	SPE_E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
};

export const PLANS = {
	EXCHANGE_S_FOUNDATION: '113feb6c-3fe4-4440-bddc-54d774bf0318',
	ATA: '14ab5db5-e6c4-4b20-b4bc-13e36fd2227f',
	MICROSOFT_COMMUNICATION_COMPLIANCE: 'a413a9ff-720c-4822-98ef-2f37c2a21f4c',
};

type Parameters = Record<string, unknown>;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Parameters;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'continueRegularOutput' | 'stopWorkflow';
}

export interface Workflow {
	id: string;
	name: string;
	active: false;
	settings: Record<string, unknown>;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
}

const trigger: WorkflowNode = {
	id: 'trigger',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function byId(id: string) {
	return { __rl: true, mode: 'id', value: id };
}

export function byName(name: string) {
	return { __rl: true, mode: 'name', value: name };
}

export function licenses(...entries: Array<{ sku: string; disabledPlans?: string[] }>) {
	return { license: entries.map((e) => ({ sku: e.sku, disabledPlans: e.disabledPlans ?? [] })) };
}

export function licensing(
	name: string,
	parameters: Parameters,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		id: name.replace(/\W+/g, '-').toLowerCase(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { microsoftEntraLicensingApi: CREDENTIAL },
		...extra,
	};
}

/** Input items: a Set node emitting `{ items: [...] }` split into one item each. */
export function inputItems(rows: Array<Record<string, unknown>>): WorkflowNode[] {
	return [
		{
			id: 'rows',
			name: 'Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [0, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items: rows }) },
		},
		{
			id: 'split',
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [0, 0],
			parameters: { fieldToSplitOut: 'items' },
		},
	];
}

/** A workflow whose nodes run one after the other, from the manual trigger. */
export function chain(id: string, name: string, nodes: WorkflowNode[]): Workflow {
	const all = [trigger, ...nodes].map((n, i) => ({
		...n,
		position: [i * 220, 0] as [number, number],
	}));
	const connections: Workflow['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i]!.name] = { main: [[{ node: all[i + 1]!.name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: {}, nodes: all, connections };
}

export const STALE_CREDENTIAL = {
	id: 'entraEmulatorStale',
	name: 'Graph Emulator (expired token)',
};

export const DELEGATED_CREDENTIAL = {
	id: 'entraEmulatorOAuth2',
	name: 'Graph Emulator (delegated OAuth2)',
};

export const workflows = {
	/** Authentication "Delegated (OAuth2)": n8n's own OAuth2 request path signs the calls with the stored token. */
	delegated: chain('e2eDelegatedAuth1', 'Delegated OAuth2 credential', [
		licensing(
			'Get E5 (delegated)',
			{ authentication: 'oAuth2', resource: 'sku', operation: 'get', sku: 'Office 365 E5' },
			{ credentials: { microsoftEntraLicensingOAuth2Api: DELEGATED_CREDENTIAL } },
		),
	]),

	/** The stored token is no longer valid: Graph answers 401, n8n runs the credential's preAuthentication again. */
	expiredToken: chain('e2eExpiredToken01', 'Expired token is renewed by n8n', [
		licensing(
			'List SKUs',
			{ resource: 'sku', operation: 'get', sku: 'AAD_PREMIUM' },
			{ credentials: { microsoftEntraLicensingApi: STALE_CREDENTIAL } },
		),
	]),

	/** Microsoft's assignLicense page: example 1 (add two licenses with disabled plans), then example 2 (remove both). */
	seedPage: chain('e2eSeedPage00001', 'Seed page examples 1 and 2', [
		licensing('Example 1', {
			resource: 'group',
			operation: 'assignLicense',
			group: byId(GROUPS.licensingPilot),
			licenses: licenses(
				{ sku: SKUS.EMSPREMIUM, disabledPlans: [PLANS.EXCHANGE_S_FOUNDATION, PLANS.ATA] },
				{ sku: SKUS.ENTERPRISEPREMIUM, disabledPlans: [PLANS.MICROSOFT_COMMUNICATION_COMPLIANCE] },
			),
		}),
		licensing('After Example 1', {
			resource: 'group',
			operation: 'getLicenses',
			group: byId(GROUPS.licensingPilot),
		}),
		licensing('Example 2', {
			resource: 'group',
			operation: 'removeLicense',
			group: byId(GROUPS.licensingPilot),
			skus: [SKUS.ENTERPRISEPREMIUM, SKUS.EMSPREMIUM],
			// Example 2 takes back what example 1 gave, mailboxes included.
			options: { allowDataLoss: true },
		}),
	]),

	/** Product and plans by name, group by name, through expressions. */
	assignByName: chain('e2eAssignByName01', 'Assign by product name with plans disabled by name', [
		licensing('Assign E5 by name', {
			resource: 'group',
			operation: 'assignLicense',
			group: byName('Project Falcon'),
			licenses: {
				license: [
					{
						sku: '={{ "Office 365 E5" }}',
						disabledPlans: '={{ ["YAMMER_ENTERPRISE", "To-Do (Plan 3)"] }}',
					},
				],
			},
		}),
	]),

	/** Sales moves from Microsoft 365 E3 to Office 365 E3 in one call. */
	swap: chain('e2eSwapLicense001', 'Swap', [
		licensing('Swap E3', {
			resource: 'group',
			operation: 'assignLicense',
			group: byName('Sales'),
			licenses: licenses({ sku: 'ENTERPRISEPACK' }),
			skusToRemove: '={{ ["SPE_E3"] }}',
		}),
	]),

	/** Desired state: the dry run returns the plan and sends nothing; the second node applies it. */
	setDryRunThenApply: chain('e2eSetDryRun00001', 'Set licenses: dry run, then apply', [
		licensing('Dry Run', {
			resource: 'group',
			operation: 'setLicenses',
			group: byName('Identity Governance'),
			licenses: licenses({ sku: 'AAD_PREMIUM' }, { sku: 'EMSPREMIUM', disabledPlans: ['ATA'] }),
			dryRun: true,
		}),
		licensing('Apply', {
			resource: 'group',
			operation: 'setLicenses',
			group: byName('Identity Governance'),
			licenses: licenses({ sku: 'AAD_PREMIUM' }, { sku: 'EMSPREMIUM', disabledPlans: ['ATA'] }),
			dryRun: false,
		}),
	]),

	/** 14 members, 10 seats of Microsoft 365 E5: processing ends with 4 members in CountViolation. */
	waitCountViolation: chain('e2eWaitCountViol1', 'Wait for processing: CountViolation', [
		licensing('Assign E5', {
			resource: 'group',
			operation: 'assignLicense',
			group: byName('E5 Rollout'),
			licenses: licenses({ sku: 'Microsoft 365 E5' }),
		}),
		licensing('Wait', {
			resource: 'group',
			operation: 'waitForProcessing',
			group: byName('E5 Rollout'),
			timeoutSeconds: 60,
			pollSeconds: 0.2,
		}),
	]),

	/** A product name that does not exist: the workflow fails with the node's message, nothing is sent. */
	badSku: chain('e2eBadSkuName0001', 'Bad SKU name', [
		licensing('Assign typo', {
			resource: 'group',
			operation: 'assignLicense',
			group: byName('Empty Group'),
			licenses: licenses({ sku: 'Office 365 E55' }),
		}),
	]),

	/** A user's inherited license is not removed per user: the item is skipped and the granting group named. */
	userInherited: chain('e2eUserInherit001', 'User: remove an inherited license, then details', [
		licensing('Remove from Zoe', {
			resource: 'user',
			operation: 'removeLicense',
			user: { __rl: true, mode: 'upn', value: 'zoe@contoso.onmicrosoft.com' },
			skus: ['Exchange Online (Plan 1)'],
		}),
		licensing('Zoe Details', {
			resource: 'user',
			operation: 'getLicenseDetails',
			user: { __rl: true, mode: 'upn', value: 'zoe@contoso.onmicrosoft.com' },
		}),
	]),

	/** Three items: two for Frontline Workers (merged into one call) and one with a bad SKU that fails alone. */
	continueOnFail: chain('e2eContinueFail01', 'Continue On Fail over mixed items', [
		...inputItems([
			{ group: 'Frontline Workers', sku: 'AAD_PREMIUM' },
			{ group: 'Contractors', sku: 'NO_SUCH_PRODUCT' },
			{ group: 'Frontline Workers', sku: 'POWER_BI_STANDARD' },
		]),
		licensing(
			'Assign per item',
			{
				resource: 'group',
				operation: 'assignLicense',
				group: { __rl: true, mode: 'name', value: '={{ $json.group }}' },
				licenses: { license: [{ sku: '={{ $json.sku }}', disabledPlans: [] }] },
			},
			{ onError: 'continueRegularOutput' },
		),
	]),
};
