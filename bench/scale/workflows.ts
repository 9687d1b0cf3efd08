/**
 * The queue-mode suite's workflows: a webhook that licenses the groups it is sent (one item per group, through the
 * node's Set Licenses), and the polling trigger watching one group, posting each event to the suite's sink.
 */
const NODE_PACKAGE = 'n8n-nodes-entra-licensing';

/** The license workflow's credential (the emulator's licensing-admin app). */
export const CREDENTIAL = { id: 'scaleAdminCred01', name: 'Graph Emulator (licensing-admin)' };

/** The trigger's own credential (the emulator's licensing-reader app). */
export const TRIGGER_CREDENTIAL = { id: 'scaleTriggerCred1', name: 'Graph Emulator (licensing-reader)' };

export const LICENSE_WORKFLOW_ID = 'scaleLicenseHook1';
export const TRIGGER_WORKFLOW_ID = 'scaleTriggerWatch';
export const WEBHOOK_PATH = 'scale-license';

type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

function chain(names: string[]): Connections {
  const out: Connections = {};
  for (let i = 0; i < names.length - 1; i++) {
    out[names[i]!] = { main: [[{ node: names[i + 1]!, type: 'main', index: 0 }]] };
  }
  return out;
}

/** POST `{ items: [{ group }] }` → one item per group → Set Licenses (Continue On Fail) → the answer: every item. */
export function licenseWorkflow(skuId: string, disabledPlans: string[]) {
  const nodes = [
    {
      id: 'hook',
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      webhookId: '5d0f3c8e-7c55-4a51-9c2e-4f9f1a9e0a01',
      parameters: {
        httpMethod: 'POST',
        path: WEBHOOK_PATH,
        responseMode: 'lastNode',
        responseData: 'allEntries',
        options: {},
      },
    },
    {
      id: 'split',
      name: 'Groups',
      type: 'n8n-nodes-base.splitOut',
      typeVersion: 1,
      position: [220, 0],
      parameters: { fieldToSplitOut: 'body.items' },
    },
    {
      id: 'set',
      name: 'Set Licenses',
      type: `${NODE_PACKAGE}.microsoftEntraLicensing`,
      typeVersion: 1,
      position: [440, 0],
      parameters: {
        resource: 'group',
        operation: 'setLicenses',
        group: { __rl: true, mode: 'id', value: '={{ $json.group }}' },
        licenses: { license: [{ sku: skuId, disabledPlans }] },
      },
      credentials: { microsoftEntraLicensingApi: CREDENTIAL },
      onError: 'continueRegularOutput',
    },
  ];
  return {
    id: LICENSE_WORKFLOW_ID,
    name: 'Scale: license the posted groups',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes,
    connections: chain(nodes.map((n) => n.name)),
  };
}

/** The node's polling trigger (Group Licenses Changed, every minute) → HTTP Request to the suite's sink. */
export function triggerWorkflow(groupId: string, sinkUrl: string) {
  const nodes = [
    {
      id: 'watch',
      name: 'Group Licenses Changed',
      type: `${NODE_PACKAGE}.microsoftEntraLicensingTrigger`,
      typeVersion: 1,
      position: [0, 0],
      parameters: {
        event: 'groupLicensesChanged',
        group: { __rl: true, mode: 'id', value: groupId },
        pollTimes: { item: [{ mode: 'everyMinute' }] },
      },
      credentials: { microsoftEntraLicensingApi: TRIGGER_CREDENTIAL },
    },
    {
      id: 'sink',
      name: 'Report',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      position: [220, 0],
      parameters: {
        method: 'POST',
        url: sinkUrl,
        sendBody: true,
        specifyBody: 'json',
        jsonBody: '={{ JSON.stringify($json) }}',
        options: {},
      },
    },
  ];
  return {
    id: TRIGGER_WORKFLOW_ID,
    name: 'Scale: polling trigger on the main instance',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes,
    connections: chain(nodes.map((n) => n.name)),
  };
}
