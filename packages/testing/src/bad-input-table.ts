import {
  type BulkItem,
  createLicensingService,
  type LicenseIntent,
  type LicensingErrorCode,
  type LicensingService,
  planLicenseChanges,
  planSetLicenses,
  resolveServicePlan,
  resolveSku,
  shownValue,
} from '@entra-licensing/licensing';
import { getCatalog } from '@entra-licensing/sku-catalog';

/**
 * The one adversarial table: bad input of every class — options (non-numeric, NaN, negative, huge, strings for
 * booleans, unknown names), ids (look-alike letters, full-width digits, zero-width and surrounding whitespace,
 * path characters, huge), SKU and plan references (unknown, ambiguous, malformed, huge), intents, and tenant rules
 * that reads reveal before any write. Each case names the exact `field` and `code` expected, and the value the
 * message must show. The library's tests, the bench campaign and the n8n node's campaign all run this table.
 *
 * It is data over the emulator's default tenant: pass its ids (`defaultSeed.ids` of `@entra-licensing/graph-emulator`).
 */
export interface TableIds {
  tenantDomain: string;
  groups: Record<
    'licensingPilot' | 'sales' | 'e5Rollout' | 'marketing' | 'allStaff' | 'empty' | 'projectFalcon',
    string
  >;
  users: Record<'adele' | 'dana' | 'yara' | 'isaiah', string>;
  plans: Record<'ATA', string>;
}

export type BadInputClass =
  | 'option'
  | 'id'
  | 'whitespace'
  | 'path'
  | 'huge'
  | 'sku'
  | 'plan'
  | 'intent'
  | 'target'
  | 'tenant-rule';

type ServiceMethod = 'assign' | 'remove' | 'set' | 'swap' | 'updatePlans' | 'apply' | 'plan';
type ReadMethod =
  | 'getGroupLicenses'
  | 'getUserLicenses'
  | 'membersWithLicenseErrors'
  | 'reprocessUser'
  | 'exportLicenses'
  | 'listSkus'
  | 'getSku'
  | 'listSkuHolders'
  | 'planDirectToGroupMigration';

/** The call a case makes, as data (so that the n8n campaign can turn some of them into node parameters). */
export type BadInputCall =
  | { kind: 'service'; method: ServiceMethod; target: unknown; args: unknown; options?: unknown }
  | { kind: 'bulk'; items: readonly unknown[]; options?: unknown }
  | { kind: 'wait'; groupId: unknown; options?: unknown }
  | { kind: 'read'; method: ReadMethod; arg: unknown }
  | { kind: 'createService'; options: Record<string, unknown> }
  | {
      kind: 'pure';
      fn: 'resolveSku' | 'resolveServicePlan' | 'planLicenseChanges' | 'planSetLicenses';
      args: unknown[];
    };

export interface BadInputCase {
  name: string;
  class: BadInputClass;
  call: BadInputCall;
  code: LicensingErrorCode;
  /** The error's `field`, compared exactly. */
  field: string;
  /** The error's `value`, compared exactly (deep equality). */
  value: unknown;
  /** Text the message must contain; default: the value as {@link shownValue} shows it (strings: the text itself). */
  shown?: string;
}

/** An error as a test sees it: thrown (LicensingError) or reported for a bulk item. */
export interface ObservedError {
  code: string;
  field: string | undefined;
  value: unknown;
  message: string;
}

const LONG = 100_000;

/** What the message must contain for a value: the text itself when short, else its shortened form. */
export function expectedShown(c: BadInputCase): string {
  if (c.shown !== undefined) return c.shown;
  if (typeof c.value === 'string' && c.value.length <= 80 && c.value.trim() === c.value && c.value !== '') {
    return c.value;
  }
  return shownValue(c.value);
}

const untypedIntent = (value: unknown) => value as LicenseIntent;

/** Runs a case and returns the error it produced (undefined when none: the test then fails). */
export async function runBadInputCase(
  c: BadInputCase,
  env: { service: LicensingService; client: unknown },
): Promise<ObservedError | undefined> {
  const s = env.service as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  try {
    const call = c.call;
    switch (call.kind) {
      case 'service': {
        const args = call.method === 'apply' || call.method === 'plan' ? untypedIntent(call.args) : call.args;
        await s[call.method]?.(call.target, args, call.options);
        return undefined;
      }
      case 'bulk': {
        const run = await env.service.applyBulk(call.items as BulkItem[], call.options as never);
        const error = run.results[0]?.error;
        return error
          ? { code: error.code, field: error.field, value: error.value, message: error.message }
          : undefined;
      }
      case 'wait':
        await env.service.waitForGroupProcessing(call.groupId as string, call.options as never);
        return undefined;
      case 'read':
        await s[call.method]?.(call.arg);
        return undefined;
      case 'createService':
        createLicensingService({ client: env.client, ...call.options } as never);
        return undefined;
      case 'pure': {
        const [a, b, o] = call.args;
        if (call.fn === 'resolveSku') resolveSku(a as string, undefined, o as never);
        if (call.fn === 'resolveServicePlan') resolveServicePlan(resolveSku(a as string), b as string);
        if (call.fn === 'planLicenseChanges') planLicenseChanges(a as never, b as never, o as never);
        if (call.fn === 'planSetLicenses') planSetLicenses(a as never, b as never, o as never);
        return undefined;
      }
    }
  } catch (error) {
    const e = error as { code?: unknown; field?: unknown; value?: unknown; message?: unknown };
    return {
      code: String(e?.code),
      field: typeof e?.field === 'string' ? e.field : undefined,
      value: e?.value,
      message: typeof e?.message === 'string' ? e.message : String(error),
    };
  }
}

function catalogSkuId(partNumber: string): string {
  const id = getCatalog().productsByPartNumber.get(partNumber)?.[0]?.skuId;
  if (!id) throw new Error(`bad-input table: the catalog has no ${partNumber}`);
  return id;
}

/** Builds the table over the emulator's default tenant. */
export function badInputCases(ids: TableIds): BadInputCase[] {
  const G = ids.groups;
  const P = G.licensingPilot;
  const upn = (key: string) => `${key}@${ids.tenantDomain}`;
  const group = (id: unknown) => ({ kind: 'group', id });
  const user = (id: unknown) => ({ kind: 'user', id });
  const assign = (target: unknown, skus: unknown, options?: unknown): BadInputCall => ({
    kind: 'service',
    method: 'assign',
    target,
    args: skus,
    ...(options === undefined ? {} : { options }),
  });
  const bulk = (target: unknown, intent: unknown, options?: unknown): BadInputCall => ({
    kind: 'bulk',
    items: [{ target, intent }],
    ...(options === undefined ? {} : { options }),
  });
  const cases: BadInputCase[] = [];
  const add = (c: BadInputCase) => cases.push(c);

  // ── Options of the write operations: each must throw before any request (`set` exclusive with a broken guard
  //    would otherwise strip every license of the group).
  const badNumbers: [string, unknown][] = [
    ['a word', 'abc'],
    ['NaN', Number.NaN],
    ['negative', -1],
    ['a fraction', 1.5],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', '1'],
    ['huge', 1e12],
    ['null', null],
    ['an object', { max: 1 }],
  ];
  for (const [what, value] of badNumbers) {
    add({
      name: `set exclusive with maxRemovals ${what}`,
      class: 'option',
      call: {
        kind: 'service',
        method: 'set',
        target: group(G.sales),
        args: [],
        options: { exclusive: true, maxRemovals: value },
      },
      code: 'INVALID_INPUT',
      field: 'options.maxRemovals',
      value,
    });
  }
  const badBooleans: [string, unknown][] = [
    ['the string "true"', 'true'],
    ['the string "no"', 'no'],
    ['1', 1],
  ];
  for (const option of ['strictSeats', 'dryRun']) {
    for (const [what, value] of badBooleans) {
      add({
        name: `assign with ${option} ${what}`,
        class: 'option',
        call: assign(group(P), ['SPE_E3'], { [option]: value }),
        code: 'INVALID_INPUT',
        field: `options.${option}`,
        value,
      });
    }
  }
  add({
    name: 'set with exclusive "yes"',
    class: 'option',
    call: { kind: 'service', method: 'set', target: group(G.sales), args: [], options: { exclusive: 'yes' } },
    code: 'INVALID_INPUT',
    field: 'options.exclusive',
    value: 'yes',
  });
  for (const value of ['USA', 'U', 42, ' US', 'U1']) {
    add({
      name: `assign to a user with usageLocation ${JSON.stringify(value)}`,
      class: 'option',
      call: assign(user(ids.users.dana), ['SPE_E3'], { usageLocation: value }),
      code: 'INVALID_INPUT',
      field: 'options.usageLocation',
      value,
    });
  }
  add({
    name: 'misspelt option maxRemoval (would mean "no limit")',
    class: 'option',
    call: {
      kind: 'service',
      method: 'set',
      target: group(G.sales),
      args: [],
      options: { exclusive: true, maxRemoval: 0 },
    },
    code: 'INVALID_INPUT',
    field: 'options.maxRemoval',
    value: 0,
  });
  add({
    name: 'options given as a string',
    class: 'option',
    call: assign(group(P), ['SPE_E3'], 'dryRun'),
    code: 'INVALID_INPUT',
    field: 'options',
    value: 'dryRun',
  });
  add({
    name: 'plan (dry run) with maxRemovals NaN',
    class: 'option',
    call: {
      kind: 'service',
      method: 'plan',
      target: group(G.sales),
      args: { action: 'set', licenses: [], exclusive: true },
      options: { maxRemovals: Number.NaN },
    },
    code: 'INVALID_INPUT',
    field: 'options.maxRemovals',
    value: Number.NaN,
  });

  // ── Options of applyBulk.
  const bulkOptions: [string, unknown][] = [
    ['concurrency', 0],
    ['concurrency', -1],
    ['concurrency', 'ten'],
    ['concurrency', Number.NaN],
    ['concurrency', 2.5],
    ['concurrency', 10_000],
    ['batchSize', 0],
    ['batchSize', 21],
    ['batchSize', '20'],
    ['maxRetries', -1],
    ['maxRetries', 'many'],
    ['maxRetries', 1000],
    ['maxThrottleRetries', Number.NaN],
    ['backoffBaseMs', -5],
    ['backoffBaseMs', 'fast'],
    ['backoffMaxMs', Number.POSITIVE_INFINITY],
    ['groupSeatCheck', 'no'],
    ['pacing', 'off'],
    ['onProgress', 'console.log'],
    ['random', 0.5],
    ['dryRun', 'true'],
    ['maxRemovals', 'abc'],
    ['strictSeats', 'yes'],
    ['concurency', 5],
  ];
  for (const [option, value] of bulkOptions) {
    add({
      name: `applyBulk with ${option} ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`,
      class: 'option',
      call: bulk(group(P), { action: 'assign', skus: ['SPE_E3'] }, { [option]: value }),
      code: 'INVALID_INPUT',
      field: `options.${option}`,
      value,
    });
  }

  // ── Options of waitForGroupProcessing (a broken timeout used to poll forever, ~300 times a second).
  const waitOptions: [string, unknown][] = [
    ['timeoutMs', 'soon'],
    ['timeoutMs', Number.NaN],
    ['timeoutMs', -1],
    ['timeoutMs', Number.POSITIVE_INFINITY],
    ['timeoutMs', 1e12],
    ['initialIntervalMs', 0],
    ['initialIntervalMs', 'fast'],
    ['maxIntervalMs', -5],
    ['settleMs', -1],
    ['writtenAt', 'yesterday'],
    ['writtenAt', new Date(Number.NaN)],
  ];
  for (const [option, value] of waitOptions) {
    add({
      name: `waitForGroupProcessing with ${option} ${value instanceof Date ? 'Invalid Date' : typeof value === 'number' ? String(value) : JSON.stringify(value)}`,
      class: 'option',
      call: { kind: 'wait', groupId: G.sales, options: { [option]: value } },
      code: 'INVALID_INPUT',
      field: `options.${option}`,
      value,
      ...(value instanceof Date ? { shown: 'null' } : {}),
    });
  }

  // ── Options of the service itself, listSkus and the pure functions.
  for (const [option, value] of [
    ['skuCacheMs', 'forever'],
    ['skuCacheMs', -1],
    ['skuCacheMs', Number.NaN],
    ['sleep', 'wait'],
  ] as const) {
    add({
      name: `createLicensingService with ${option} ${JSON.stringify(value) ?? String(value)}`,
      class: 'option',
      call: { kind: 'createService', options: { [option]: value } },
      code: 'INVALID_INPUT',
      field: `options.${option}`,
      value,
    });
  }
  add({
    name: 'listSkus with refresh "yes"',
    class: 'option',
    call: { kind: 'read', method: 'listSkus', arg: { refresh: 'yes' } },
    code: 'INVALID_INPUT',
    field: 'options.refresh',
    value: 'yes',
  });
  add({
    name: 'planLicenseChanges with exclusive "true"',
    class: 'option',
    call: { kind: 'pure', fn: 'planLicenseChanges', args: [[], [], { exclusive: 'true' }] },
    code: 'INVALID_INPUT',
    field: 'options.exclusive',
    value: 'true',
  });
  add({
    name: 'planSetLicenses with exclusive 1',
    class: 'option',
    call: { kind: 'pure', fn: 'planSetLicenses', args: [[], [], { exclusive: 1 }] },
    code: 'INVALID_INPUT',
    field: 'options.exclusive',
    value: 1,
  });
  add({
    name: 'planDirectToGroupMigration with a user id that is a path',
    class: 'option',
    call: {
      kind: 'read',
      method: 'planDirectToGroupMigration',
      arg: { skus: ['SPE_E3'], userIds: ['../me'] },
    },
    code: 'INVALID_INPUT',
    field: 'options.userIds',
    value: ['../me'],
  });

  // ── Group ids: a GUID (ASCII hex, any case), nothing else, nothing trimmed.
  const badGroupIds: [BadInputClass, string, unknown][] = [
    ['id', 'not a GUID', 'not-a-guid'],
    ['id', 'a Cyrillic а inside', P.replace('42a9', '42\u04309')],
    ['id', 'a full-width digit', `\uff11${P.slice(1)}`],
    ['whitespace', 'a trailing zero-width space', `${P}\u200b`],
    ['whitespace', 'a leading space', ` ${P}`],
    ['whitespace', 'a trailing space', `${P} `],
    ['whitespace', 'a trailing tab', `${P}\t`],
    ['whitespace', 'a trailing newline', `${P}\n`],
    ['path', 'a parent path', '../users'],
    ['path', 'a sub-resource', `${P}/owners`],
    ['path', 'a query string', `${P}?$select=id`],
    ['path', 'a fragment', `${P}#x`],
    ['path', 'percent-encoded dots', '%2e%2e'],
    ['id', 'empty', ''],
    ['id', 'a number', 42],
    ['id', 'null', null],
    ['id', 'a digit missing', P.slice(0, -1)],
    ['id', 'in braces', `{${P}}`],
    ['id', 'a user principal name', upn('adele')],
    ['huge', '100,000 characters', 'a'.repeat(LONG)],
  ];
  /** One bad id through one entry point: `INVALID_INPUT` naming `field`, the id as its value. */
  const idCases = (
    list: readonly [BadInputClass, string, unknown][],
    entry: string,
    field: string,
    call: (id: unknown) => BadInputCall,
  ) => {
    for (const [cls, what, id] of list) {
      add({ name: `${entry}: ${what}`, class: cls, call: call(id), code: 'INVALID_INPUT', field, value: id });
    }
  };
  const prefixed = (list: readonly [BadInputClass, string, unknown][], kind: string) =>
    list.map(([cls, what, id]) => [cls, `${kind} id ${what}`, id] as [BadInputClass, string, unknown]);
  const groupIds = prefixed(badGroupIds, 'group');
  idCases(groupIds, 'assign', 'target.id', (id) => assign(group(id), ['SPE_E3']));
  // The same ids through the other entry points (a representative part of them each).
  idCases(
    groupIds.filter((_, i) => i % 2 === 1),
    'applyBulk',
    'target.id',
    (id) => bulk(group(id), { action: 'assign', skus: ['SPE_E3'] }),
  );
  idCases(
    groupIds.filter((_, i) => i % 4 === 0),
    'waitForGroupProcessing',
    'groupId',
    (id) => ({ kind: 'wait', groupId: id, options: { timeoutMs: 0 } }),
  );
  idCases(
    groupIds.filter((_, i) => i % 4 === 2),
    'getGroupLicenses',
    'groupId',
    (id) => ({ kind: 'read', method: 'getGroupLicenses', arg: id }),
  );
  add({
    name: 'membersWithLicenseErrors: group id with a Cyrillic а',
    class: 'id',
    call: { kind: 'read', method: 'membersWithLicenseErrors', arg: P.replace('42a9', '42\u04309') },
    code: 'INVALID_INPUT',
    field: 'groupId',
    value: P.replace('42a9', '42\u04309'),
  });

  // ── User ids: a GUID or a user principal name.
  const badUserIds: [BadInputClass, string, string][] = [
    ['whitespace', 'a space inside', 'adele @contoso.com'],
    ['whitespace', 'a leading space', ` ${upn('adele')}`],
    ['whitespace', 'a trailing space', `${upn('adele')} `],
    ['whitespace', 'a zero-width space', `adele\u200b@${ids.tenantDomain}`],
    ['id', 'a Cyrillic а', `\u0430dele@${ids.tenantDomain}`],
    ['id', 'no domain suffix', 'adele@contoso'],
    ['path', 'a parent path', '../me'],
    ['path', 'a sub-resource', `${upn('adele')}/manager`],
    ['id', 'a full-width GUID digit', `\uff10${ids.users.adele.slice(1)}`],
    ['huge', '100,000 characters', `${'a'.repeat(LONG)}@${ids.tenantDomain}`],
  ];
  const userIds = prefixed(badUserIds, 'user');
  idCases(userIds, 'assign', 'target.id', (id) => assign(user(id), ['SPE_E3']));
  idCases(
    userIds.filter((_, i) => i % 3 === 0),
    'getUserLicenses',
    'userId',
    (id) => ({ kind: 'read', method: 'getUserLicenses', arg: id }),
  );
  add({
    name: 'reprocessUser: user id with a parent path',
    class: 'path',
    call: { kind: 'read', method: 'reprocessUser', arg: '../me' },
    code: 'INVALID_INPUT',
    field: 'userId',
    value: '../me',
  });

  add({
    name: 'planLicenseChanges with a skuId padded with a space (not trimmed)',
    class: 'whitespace',
    call: {
      kind: 'pure',
      fn: 'planLicenseChanges',
      args: [[], [{ skuId: ` ${catalogSkuId('SPE_E3')}`, disabledPlans: [] }]],
    },
    code: 'INVALID_GUID',
    field: 'desired[0].skuId',
    value: ` ${catalogSkuId('SPE_E3')}`,
  });

  // ── Target shapes.
  add({
    name: 'target kind device',
    class: 'target',
    call: assign({ kind: 'device', id: P }, ['SPE_E3']),
    code: 'INVALID_INPUT',
    field: 'target.kind',
    value: 'device',
  });
  add({
    name: 'target null',
    class: 'target',
    call: assign(null, ['SPE_E3']),
    code: 'INVALID_INPUT',
    field: 'target',
    value: null,
  });
  add({
    name: 'target a string',
    class: 'target',
    call: assign(P, ['SPE_E3']),
    code: 'INVALID_INPUT',
    field: 'target',
    value: P,
  });
  add({
    name: 'bulk item without target',
    class: 'target',
    call: { kind: 'bulk', items: [{ intent: { action: 'assign', skus: ['SPE_E3'] } }] },
    code: 'INVALID_INPUT',
    field: 'target',
    value: undefined,
  });

  // ── Huge references: refused at once (no "did you mean" over the whole catalog).
  const hugeName = 'Microsoft 365 E3 '.repeat(LONG / 17);
  add({
    name: 'assign a 100,000-character SKU name',
    class: 'huge',
    call: assign(group(P), [hugeName]),
    code: 'INVALID_INPUT',
    field: 'skus[0]',
    value: hugeName,
  });
  add({
    name: 'applyBulk a 100,000-character SKU name',
    class: 'huge',
    call: bulk(group(P), { action: 'assign', skus: [hugeName] }),
    code: 'INVALID_INPUT',
    field: 'intent.skus[0]',
    value: hugeName,
  });
  add({
    name: 'remove a 257-character SKU name',
    class: 'huge',
    call: { kind: 'service', method: 'remove', target: group(G.sales), args: ['x'.repeat(257)] },
    code: 'INVALID_INPUT',
    field: 'skus[0]',
    value: 'x'.repeat(257),
  });
  add({
    name: 'resolveSku of 100,000 characters',
    class: 'huge',
    call: { kind: 'pure', fn: 'resolveSku', args: ['z'.repeat(LONG)] },
    code: 'INVALID_INPUT',
    field: 'sku',
    value: 'z'.repeat(LONG),
  });
  add({
    name: 'a 100,000-character plan name',
    class: 'huge',
    call: assign(group(P), [{ sku: 'SPE_E3', disabledPlans: ['T'.repeat(LONG)] }]),
    code: 'INVALID_INPUT',
    field: 'skus[0].disabledPlans[0]',
    value: 'T'.repeat(LONG),
  });
  add({
    name: 'updatePlans with a 300-character plan',
    class: 'huge',
    call: {
      kind: 'service',
      method: 'updatePlans',
      target: group(G.sales),
      args: { sku: 'SPE_E3', disable: ['p'.repeat(300)] },
    },
    code: 'INVALID_INPUT',
    field: 'disable[0]',
    value: 'p'.repeat(300),
  });
  add({
    name: 'resolveServicePlan of 257 characters',
    class: 'huge',
    call: { kind: 'pure', fn: 'resolveServicePlan', args: ['SPE_E3', 'q'.repeat(257)] },
    code: 'INVALID_INPUT',
    field: 'plan',
    value: 'q'.repeat(257),
  });

  // ── SKU references.
  const skuCases: [string, unknown, LicensingErrorCode, string, unknown][] = [
    ['an unknown product name', 'Microsoft 365 E9', 'SKU_NOT_FOUND', 'skus[0]', 'Microsoft 365 E9'],
    [
      'an unknown GUID',
      '12345678-1234-4234-8234-123456789012',
      'SKU_NOT_FOUND',
      'skus[0]',
      '12345678-1234-4234-8234-123456789012',
    ],
    [
      'a skuId with a digit missing',
      'c7df2760-2c81-4ef7-b578-5b5392b571d',
      'SKU_NOT_FOUND',
      'skus[0]',
      'c7df2760-2c81-4ef7-b578-5b5392b571d',
    ],
    ['an ambiguous part number', 'MCOPSTN5', 'SKU_AMBIGUOUS', 'skus[0]', 'MCOPSTN5'],
    ['a part number with a Cyrillic Р', 'S\u0420E_E3', 'SKU_NOT_FOUND', 'skus[0]', 'S\u0420E_E3'],
    ['an empty reference', '', 'INVALID_INPUT', 'skus[0]', ''],
    ['only spaces', '   ', 'INVALID_INPUT', 'skus[0]', '   '],
    ['a number', 42, 'INVALID_INPUT', 'skus[0]', 42],
    ['null', null, 'INVALID_INPUT', 'skus[0]', null],
    ['an object without sku', { disabledPlans: [] }, 'INVALID_INPUT', 'skus[0]', { disabledPlans: [] }],
  ];
  for (const [what, ref, code, field, value] of skuCases) {
    add({ name: `assign ${what}`, class: 'sku', call: assign(group(P), [ref]), code, field, value });
  }
  add({
    name: 'assign with the SKU list a string',
    class: 'sku',
    call: assign(group(P), 'SPE_E3'),
    code: 'INVALID_INPUT',
    field: 'skus',
    value: 'SPE_E3',
  });
  add({
    name: 'assign an empty SKU list',
    class: 'sku',
    call: assign(group(P), []),
    code: 'INVALID_INPUT',
    field: 'skus',
    value: [],
  });
  add({
    name: 'remove 501 SKUs',
    class: 'huge',
    call: {
      kind: 'service',
      method: 'remove',
      target: group(G.sales),
      args: Array.from({ length: 501 }, () => 'SPE_E3'),
    },
    code: 'INVALID_INPUT',
    field: 'skus',
    value: 501,
  });
  add({
    name: 'remove an unknown SKU',
    class: 'sku',
    call: { kind: 'service', method: 'remove', target: group(G.sales), args: ['NOT_A_SKU'] },
    code: 'SKU_NOT_FOUND',
    field: 'skus[0]',
    value: 'NOT_A_SKU',
  });
  add({
    name: 'applyBulk an unknown product name',
    class: 'sku',
    call: bulk(group(P), { action: 'assign', skus: ['Office 365 E9'] }),
    code: 'SKU_NOT_FOUND',
    field: 'intent.skus[0]',
    value: 'Office 365 E9',
  });
  add({
    name: 'applyBulk an ambiguous part number',
    class: 'sku',
    call: bulk(group(P), { action: 'assign', skus: ['MCOPSTN5'] }),
    code: 'SKU_AMBIGUOUS',
    field: 'intent.skus[0]',
    value: 'MCOPSTN5',
  });

  // ── Service plans.
  add({
    name: 'a plan of another SKU',
    class: 'plan',
    call: assign(group(P), [{ sku: 'SPE_E3', disabledPlans: ['ATA'] }]),
    code: 'PLAN_NOT_FOUND',
    field: 'skus[0].disabledPlans[0]',
    value: 'ATA',
  });
  add({
    name: 'a plan GUID of another SKU',
    class: 'plan',
    call: assign(group(P), [{ sku: 'SPE_E3', disabledPlans: [ids.plans.ATA] }]),
    code: 'PLAN_NOT_IN_SKU',
    field: 'skus[0].disabledPlans[0]',
    value: ids.plans.ATA,
  });
  add({
    name: 'an unknown plan name',
    class: 'plan',
    call: assign(group(P), [{ sku: 'SPE_E3', disabledPlans: ['TEAMS9'] }]),
    code: 'PLAN_NOT_FOUND',
    field: 'skus[0].disabledPlans[0]',
    value: 'TEAMS9',
  });
  add({
    name: 'a malformed plan GUID',
    class: 'plan',
    call: assign(group(P), [
      { sku: 'SPE_E3', disabledPlans: ['TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929x'] },
    ]),
    code: 'PLAN_NOT_FOUND',
    field: 'skus[0].disabledPlans[1]',
    value: '57ff2da0-773e-42df-b2af-ffb7a2317929x',
  });
  add({
    name: 'disabledPlans a string',
    class: 'plan',
    call: assign(group(P), [{ sku: 'SPE_E3', disabledPlans: 'TEAMS1' }]),
    code: 'INVALID_INPUT',
    field: 'skus[0].disabledPlans',
    value: 'TEAMS1',
  });
  add({
    name: 'a plan given as a number',
    class: 'plan',
    call: assign(group(P), [{ sku: 'SPE_E3', disabledPlans: [7] }]),
    code: 'INVALID_INPUT',
    field: 'skus[0].disabledPlans[0]',
    value: 7,
  });
  add({
    name: 'applyBulk a plan of another SKU',
    class: 'plan',
    call: bulk(group(P), { action: 'assign', skus: [{ sku: 'SPE_E3', disabledPlans: ['ATA'] }] }),
    code: 'PLAN_NOT_FOUND',
    field: 'intent.skus[0].disabledPlans[0]',
    value: 'ATA',
  });
  add({
    name: 'updatePlans disabling and enabling the same plan',
    class: 'plan',
    call: {
      kind: 'service',
      method: 'updatePlans',
      target: group(G.sales),
      args: { sku: 'SPE_E3', disable: ['TEAMS1'], enable: ['TEAMS1'] },
    },
    code: 'PLAN_DISABLE_AND_ENABLE',
    field: 'disable[0]',
    value: 'TEAMS1',
  });
  add({
    name: 'updatePlans with no plan',
    class: 'plan',
    call: { kind: 'service', method: 'updatePlans', target: group(G.sales), args: { sku: 'SPE_E3' } },
    code: 'INVALID_INPUT',
    field: 'disable',
    value: undefined,
  });
  add({
    name: 'updatePlans with an unknown plan to enable',
    class: 'plan',
    call: {
      kind: 'service',
      method: 'updatePlans',
      target: group(G.sales),
      args: { sku: 'SPE_E3', enable: ['NOT_A_PLAN'] },
    },
    code: 'PLAN_NOT_FOUND',
    field: 'enable[0]',
    value: 'NOT_A_PLAN',
  });
  add({
    name: 'updatePlans of a SKU the group does not have',
    class: 'plan',
    call: {
      kind: 'service',
      method: 'updatePlans',
      target: group(G.empty),
      args: { sku: 'SPE_E3', disable: ['TEAMS1'] },
    },
    code: 'SKU_NOT_ASSIGNED',
    field: 'sku',
    value: 'SPE_E3',
  });

  // ── Intents.
  add({
    name: 'an unknown action',
    class: 'intent',
    call: {
      kind: 'service',
      method: 'apply',
      target: group(P),
      args: { action: 'delete', skus: ['SPE_E3'] },
    },
    code: 'INVALID_INPUT',
    field: 'action',
    value: 'delete',
  });
  add({
    name: 'intent null',
    class: 'intent',
    call: { kind: 'service', method: 'apply', target: group(P), args: null },
    code: 'INVALID_INPUT',
    field: 'intent',
    value: null,
  });
  add({
    name: 'intent a string',
    class: 'intent',
    call: { kind: 'service', method: 'apply', target: group(P), args: 'assign' },
    code: 'INVALID_INPUT',
    field: 'intent',
    value: 'assign',
  });
  add({
    name: 'swap adding and removing the same SKU',
    class: 'intent',
    call: {
      kind: 'service',
      method: 'swap',
      target: group(G.sales),
      args: { remove: ['SPE_E3'], add: ['Microsoft 365 E3'] },
    },
    code: 'SKU_ADD_AND_REMOVE',
    field: 'remove[0]',
    value: 'SPE_E3',
  });
  add({
    name: 'swap with nothing to remove',
    class: 'intent',
    call: { kind: 'service', method: 'swap', target: group(G.sales), args: { remove: [], add: ['SPE_E5'] } },
    code: 'INVALID_INPUT',
    field: 'remove',
    value: [],
  });
  add({
    name: 'set (not exclusive) with no license',
    class: 'intent',
    call: { kind: 'service', method: 'set', target: group(G.sales), args: [] },
    code: 'INVALID_INPUT',
    field: 'licenses',
    value: [],
  });
  add({
    name: 'applyBulk an unknown action',
    class: 'intent',
    call: bulk(group(P), { action: 'grant', skus: ['SPE_E3'] }),
    code: 'INVALID_INPUT',
    field: 'intent.action',
    value: 'grant',
  });

  // ── Tenant and target rules: known from reads, before any write.
  add({
    name: 'a group that does not exist',
    class: 'tenant-rule',
    call: assign(group('0f0f0f0f-0000-4000-8000-000000000000'), ['SPE_E3']),
    code: 'TARGET_NOT_FOUND',
    field: 'target.id',
    value: '0f0f0f0f-0000-4000-8000-000000000000',
  });
  add({
    name: 'a user principal name that does not exist',
    class: 'tenant-rule',
    call: assign(user(upn('nobody')), ['SPE_E3']),
    code: 'TARGET_NOT_FOUND',
    field: 'target.id',
    value: upn('nobody'),
  });
  add({
    name: 'a distribution group',
    class: 'tenant-rule',
    call: assign(group(G.allStaff), ['SPE_E3']),
    code: 'GROUP_NOT_ELIGIBLE',
    field: 'target.id',
    value: G.allStaff,
  });
  add({
    name: 'a Microsoft 365 group without security',
    class: 'tenant-rule',
    call: bulk(group(G.marketing), { action: 'assign', skus: ['SPE_E3'] }),
    code: 'GROUP_NOT_ELIGIBLE',
    field: 'target.id',
    value: G.marketing,
  });
  add({
    name: 'a user without usage location',
    class: 'tenant-rule',
    call: assign(user(ids.users.dana), ['SPE_E3']),
    code: 'USAGE_LOCATION_MISSING',
    field: 'usageLocation',
    value: null,
    shown: ids.users.dana,
  });
  add({
    name: 'a SKU for companies only',
    class: 'tenant-rule',
    call: assign(group(P), ['CRMSTORAGE']),
    code: 'SKU_NOT_ASSIGNABLE',
    field: 'skus[0]',
    value: 'CRMSTORAGE',
  });
  add({
    name: 'a suspended SKU',
    class: 'tenant-rule',
    call: bulk(user(ids.users.adele), { action: 'assign', skus: ['VISIOCLIENT'] }),
    code: 'SKU_NOT_ASSIGNABLE',
    field: 'intent.skus[0]',
    value: 'VISIOCLIENT',
  });
  add({
    name: 'a SKU the tenant does not subscribe to',
    class: 'tenant-rule',
    call: assign(group(P), ['SPB']),
    code: 'SKU_NOT_IN_TENANT',
    field: 'skus[0]',
    value: 'SPB',
    shown: `[skuId ${catalogSkuId('SPB')}]`,
  });
  add({
    name: 'not enough seats for the group (strictSeats)',
    class: 'tenant-rule',
    call: assign(group(G.e5Rollout), ['SPE_E5'], { strictSeats: true }),
    code: 'SEATS_EXHAUSTED',
    field: 'skus[0]',
    value: 'SPE_E5',
  });
  add({
    name: 'a plan mutually exclusive with one the user has',
    class: 'tenant-rule',
    call: assign(user(ids.users.yara), ['EXCHANGESTANDARD']),
    code: 'MUTUALLY_EXCLUSIVE_PLANS',
    field: 'skus[0]',
    value: 'EXCHANGESTANDARD',
  });
  add({
    name: 'updating plans of an inherited license',
    class: 'tenant-rule',
    call: bulk(user(ids.users.isaiah), { action: 'updatePlans', sku: 'SPE_E3', disable: ['TEAMS1'] }),
    code: 'INHERITED_LICENSE',
    field: 'intent.sku',
    value: catalogSkuId('SPE_E3'),
    shown: 'Microsoft 365 E3',
  });
  add({
    name: 'set exclusive over maxRemovals 0',
    class: 'tenant-rule',
    call: {
      kind: 'service',
      method: 'set',
      target: group(G.sales),
      args: ['EMSPREMIUM'],
      options: { exclusive: true, maxRemovals: 0 },
    },
    code: 'MAX_REMOVALS_EXCEEDED',
    field: 'maxRemovals',
    value: 0,
    shown: 'maxRemovals = 0',
  });
  return cases;
}
