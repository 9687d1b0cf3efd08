// The demo workflow: license a group by product name with one service plan disabled, wait until Microsoft
// Entra has processed it, list the members it could not license, then take the license away again.
//
// The SKU and plan fields are option lists whose values are ids (the editor shows their names, with free seats):
// the workflow stores Microsoft's ids, as picking from the list does, so it opens with no red marks. Microsoft
// publishes these ids ("Product names and service plan identifiers for licensing"); they are the same in
// every tenant. A test checks them against the SKU catalog.
export const DEMO_CREDENTIAL = { id: 'entraEmulator01', name: 'Graph Emulator (licensing-admin)' };
export const DEMO_GROUP = 'E5 Rollout';
export const DEMO_PRODUCT = 'Microsoft 365 E5';
/** Microsoft 365 E5 (SPE_E5). */
export const DEMO_PRODUCT_ID = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
export const DEMO_DISABLED_PLAN = 'YAMMER_ENTERPRISE';
/** Viva Engage (Yammer) Enterprise, YAMMER_ENTERPRISE. */
export const DEMO_DISABLED_PLAN_ID = '7547a3fe-08ee-4ccb-b430-5077c5041653';

const credentials = { microsoftEntraLicensingApi: DEMO_CREDENTIAL };
const type = 'n8n-nodes-entra-licensing.microsoftEntraLicensing';
const group = { __rl: true, mode: 'name', value: DEMO_GROUP };

interface DemoNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	credentials?: typeof credentials;
	parameters: Record<string, unknown>;
}

const nodes: DemoNode[] = [
	{
		id: 'start',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	},
	{
		id: 'assign',
		name: 'Assign Microsoft 365 E5',
		type,
		typeVersion: 1,
		position: [220, 0],
		credentials,
		parameters: {
			resource: 'group',
			operation: 'assignLicense',
			group,
			licenses: { license: [{ sku: DEMO_PRODUCT_ID, disabledPlans: [DEMO_DISABLED_PLAN_ID] }] },
		},
	},
	{
		id: 'wait',
		name: 'Wait for Processing',
		type,
		typeVersion: 1,
		position: [440, 0],
		credentials,
		parameters: {
			resource: 'group',
			operation: 'waitForProcessing',
			group,
			timeoutSeconds: 120,
			pollSeconds: 0.5,
		},
	},
	{
		id: 'remove',
		name: 'Remove Microsoft 365 E5',
		type,
		typeVersion: 1,
		position: [660, 0],
		credentials,
		parameters: {
			resource: 'group',
			operation: 'removeLicense',
			group,
			skus: [DEMO_PRODUCT_ID],
			// The demo takes the product back from the members it gave it to a minute before.
			options: { allowDataLoss: true },
		},
	},
	{
		id: 'after',
		name: 'Licenses After',
		type,
		typeVersion: 1,
		position: [880, 0],
		credentials,
		parameters: { resource: 'group', operation: 'getLicenses', group },
	},
];

const connections: Record<
	string,
	{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
> = {};
for (const [i, node] of nodes.entries()) {
	const next = nodes[i + 1];
	if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
}

export const demoWorkflow = {
	id: 'entraLicensingDemo1',
	name: 'Entra licensing demo: license a group by product name',
	active: false,
	settings: {},
	nodes,
	connections,
};
