import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Bad-input campaign, n8n side: malformed node parameters (as expressions deliver them) run through the node's own
 * test harness (apps/n8n-node/test/harness: n8n's execute context with real HTTP to the emulator). Each must stop
 * the node with an error that names the node's field and the value, and send no write.
 * The node's TypeScript is loaded by vitest at run time (its tsconfig is not this package's), so it is typed here.
 */
const n8nNode = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/n8n-node');

interface Entry {
  method: string;
  path: string;
  write: boolean;
}
interface N8nEmulator {
  url: string;
  requests(): Promise<Entry[]>;
  stop(): void;
}
type Parameters = Record<string, unknown>;
interface NodeVersion {
  execute(this: unknown): Promise<unknown>;
}
interface Harness {
  createContext(options: {
    parameters: Parameters | ((i: number) => Parameters);
    items?: Record<string, unknown>[];
    credentials: Record<string, unknown>;
  }): { execute: unknown };
}
interface EmulatorHarness {
  startTestEmulator(): Promise<N8nEmulator>;
  emulatorCredentials(emulator: N8nEmulator): Record<string, unknown>;
}

const load = <T>(relative: string): Promise<T> =>
  import(/* @vite-ignore */ path.join(n8nNode, relative)) as Promise<T>;

let emulator: N8nEmulator;
let harness: Harness;
let node: NodeVersion;
let credentials: Record<string, unknown>;

beforeAll(async () => {
  const emulatorHarness = await load<EmulatorHarness>('test/harness/emulator.ts');
  harness = await load<Harness>('test/harness/executeContext.ts');
  const nodeModule = await load<{
    MicrosoftEntraLicensing: new () => { nodeVersions: Record<number, NodeVersion> };
  }>('nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node.ts');
  node = new nodeModule.MicrosoftEntraLicensing().nodeVersions[1]!;
  emulator = await emulatorHarness.startTestEmulator();
  credentials = emulatorHarness.emulatorCredentials(emulator);
}, 60_000);

afterAll(() => emulator?.stop());

const rl = (value: unknown, mode = 'id') => ({ __rl: true, mode, value });
const PILOT = '1132b215-826f-42a9-8cfe-1643d19d17fd';
const assign = (group: unknown, license: unknown, extra: Parameters = {}): Parameters => ({
  resource: 'group',
  operation: 'assignLicense',
  group,
  licenses: { license },
  ...extra,
});

interface Case {
  name: string;
  parameters: Parameters;
  /** The node's field label (or part of its path) that the error must name. */
  field: string;
  value: string;
  /**
   * A gap found by this campaign and reported (see the bench README): until it is fixed, the message may name
   * this field instead (the library's name for it); everything else is checked as for the other cases.
   */
  knownGap?: { reason: string; fieldToday: string };
}

const cases: Case[] = [
  {
    name: 'group ID not a GUID',
    parameters: assign(rl('not-a-guid'), [{ sku: 'EMSPREMIUM', disabledPlans: [] }]),
    field: 'Group',
    value: 'not-a-guid',
  },
  {
    name: 'group name unknown',
    parameters: assign(rl('No Such Group', 'name'), [{ sku: 'EMSPREMIUM', disabledPlans: [] }]),
    field: 'Group',
    value: 'No Such Group',
  },
  {
    name: 'unknown SKU name',
    parameters: assign(rl(PILOT), [{ sku: 'Office 365 E55', disabledPlans: [] }]),
    field: 'SKU',
    value: 'Office 365 E55',
  },
  {
    name: 'SKU given as a number by an expression',
    parameters: assign(rl(PILOT), [{ sku: 42, disabledPlans: [] }]),
    field: 'SKU',
    value: '42',
  },
  {
    name: 'plan of another SKU',
    parameters: assign(rl(PILOT), [{ sku: 'SPE_E3', disabledPlans: ['ATA'] }]),
    field: 'Service Plans to Disable',
    value: 'ATA',
  },
  {
    name: 'one unknown plan given as a string by an expression',
    parameters: assign(rl(PILOT), [{ sku: 'SPE_E3', disabledPlans: 'NOT_A_PLAN' }]),
    field: 'Service Plans to Disable',
    value: 'NOT_A_PLAN',
  },
  {
    name: 'no license given',
    parameters: assign(rl(PILOT), []),
    field: 'Licenses to Assign',
    value: '[]',
    knownGap: {
      reason: 'the message names the library field "skus", not the node field "Licenses to Assign"',
      fieldToday: 'skus',
    },
  },
  {
    name: 'same SKU added and removed (swap)',
    parameters: assign(rl(PILOT), [{ sku: 'EMSPREMIUM', disabledPlans: [] }], {
      skusToRemove: ['EMSPREMIUM'],
    }),
    field: 'SKUs to Remove',
    value: 'EMSPREMIUM',
  },
  {
    name: 'distribution group',
    parameters: assign(rl('All Staff', 'name'), [{ sku: 'EMSPREMIUM', disabledPlans: [] }]),
    field: 'Group',
    value: 'All Staff',
  },
  {
    name: 'user without usage location',
    parameters: {
      resource: 'user',
      operation: 'assignLicense',
      user: rl('dana@contoso.onmicrosoft.com', 'upn'),
      licenses: { license: [{ sku: 'SPE_E3', disabledPlans: [] }] },
    },
    field: 'usageLocation',
    value: 'dana@contoso.onmicrosoft.com',
  },
];

async function check(c: Case): Promise<void> {
  const before = (await emulator.requests()).length;
  const context = harness.createContext({ parameters: c.parameters, credentials });
  const error = await node.execute.call(context.execute).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the node should have stopped').toBeInstanceOf(Error);
  const e = error as { message: string; description?: string | null };
  const text = `${e.message} ${e.description ?? ''}`;
  const fields = c.knownGap ? [c.field, c.knownGap.fieldToday] : [c.field];
  expect(
    fields.some((f) => text.includes(f)),
    `"${text}" names none of ${fields.join(', ')}`,
  ).toBe(true);
  expect(text).toContain(c.value);
  const writes = (await emulator.requests()).slice(before).filter((r) => r.write);
  expect(writes).toEqual([]);
}

describe(`bad-input campaign, n8n node parameters: ${cases.length} cases`, () => {
  it.each(cases)('$name → the node stops, naming $field and the value, no write', check);
});
