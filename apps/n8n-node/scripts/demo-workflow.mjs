// The demo workflow: license a group by product name with one service plan disabled, wait until Microsoft
// Entra has processed it, list the members it could not license, then take the license away again.
export const DEMO_CREDENTIAL = { id: 'entraEmulator01', name: 'Graph Emulator (licensing-admin)' };
export const DEMO_GROUP = 'E5 Rollout';
export const DEMO_PRODUCT = 'Microsoft 365 E5';
export const DEMO_DISABLED_PLAN = 'YAMMER_ENTERPRISE';

const credentials = { microsoftEntraLicensingApi: DEMO_CREDENTIAL };
const type = 'n8n-nodes-entra-licensing.microsoftEntraLicensing';
const group = { __rl: true, mode: 'name', value: DEMO_GROUP };

const nodes = [
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
      licenses: { license: [{ sku: DEMO_PRODUCT, disabledPlans: [DEMO_DISABLED_PLAN] }] },
    },
  },
  {
    id: 'wait',
    name: 'Wait for Processing',
    type,
    typeVersion: 1,
    position: [440, 0],
    credentials,
    parameters: { resource: 'group', operation: 'waitForProcessing', group, timeoutSeconds: 120, pollSeconds: 0.5 },
  },
  {
    id: 'remove',
    name: 'Remove Microsoft 365 E5',
    type,
    typeVersion: 1,
    position: [660, 0],
    credentials,
    parameters: { resource: 'group', operation: 'removeLicense', group, skus: [DEMO_PRODUCT] },
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

const connections = {};
for (let i = 0; i < nodes.length - 1; i++) {
  connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
}

export const demoWorkflow = {
  id: 'entraLicensingDemo1',
  name: 'Entra licensing demo: license a group by product name',
  active: false,
  settings: {},
  nodes,
  connections,
};
