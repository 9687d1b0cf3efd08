import type { GraphClient, SubscribedSku } from '@entra-licensing/graph-client';
import { GraphError, toGraphError } from '@entra-licensing/graph-client';

/** Kiota's request description, as the generated builders make it. */
type RequestInformation = ReturnType<GraphClient['users']['toGetRequestInformation']>;

import { toLicenses } from '../core/graph-values.js';
import { guidText } from '../core/guid.js';
import {
  buildTenantModel,
  type LicenseGrant,
  type LicensePath,
  type TenantGroup,
  type TenantModel,
  type TenantSku,
  type TenantUser,
} from '../core/tenant/model.js';
import { batchedReads } from './batched-reads.js';
import { allPages, type CallConfig, graphCall } from './graph-call.js';
import { checkNextLink } from './next-link.js';

/** The user properties the model needs, in one `$select` (licenseAssignmentStates gives per-path attribution). */
export const TENANT_USER_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'accountEnabled',
  'userType',
  'usageLocation',
  'assignedLicenses',
  'licenseAssignmentStates',
];

/** Graph's largest page for directory collections. */
export const PAGE_SIZE = 999;

/** A user as Graph (raw JSON) or Kiota returns it: the names are the same, dates may be `Date`s. */
export interface GraphUserLike {
  id?: string | null;
  userPrincipalName?: string | null;
  displayName?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  usageLocation?: string | null;
  assignedLicenses?: { skuId?: unknown; disabledPlans?: unknown[] | null }[] | null;
  licenseAssignmentStates?:
    | {
        skuId?: unknown;
        assignedByGroup?: string | null;
        disabledPlans?: unknown[] | null;
        state?: string | null;
        error?: string | null;
        errorEscaped?: string | null;
        lastUpdatedDateTime?: Date | string | null;
      }[]
    | null;
}

function dateText(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}

function plans(values: readonly unknown[] | null | undefined): string[] {
  return (values ?? [])
    .map(guidText)
    .filter((p): p is string => p !== undefined)
    .sort();
}

/**
 * A Graph user as the model's user. Without `licenseAssignmentStates` (not returned), every assigned license
 * counts as a direct path with no state.
 */
export function toTenantUser(raw: GraphUserLike): TenantUser {
  const assignedLicenses: LicenseGrant[] = toLicenses(raw.assignedLicenses);
  const paths: LicensePath[] = Array.isArray(raw.licenseAssignmentStates)
    ? raw.licenseAssignmentStates.flatMap((s) => {
        const skuId = guidText(s.skuId);
        if (!skuId) return [];
        return [
          {
            skuId,
            groupId: s.assignedByGroup ? s.assignedByGroup.toLowerCase() : null,
            disabledPlans: plans(s.disabledPlans),
            state: s.state ?? null,
            error: s.error ?? s.errorEscaped ?? null,
            lastUpdatedDateTime: dateText(s.lastUpdatedDateTime),
          },
        ];
      })
    : assignedLicenses.map((l) => ({
        ...l,
        groupId: null,
        state: null,
        error: null,
        lastUpdatedDateTime: null,
      }));
  return {
    id: (raw.id ?? '').toLowerCase(),
    userPrincipalName: raw.userPrincipalName ?? null,
    displayName: raw.displayName ?? null,
    accountEnabled: raw.accountEnabled ?? null,
    userType: raw.userType ?? null,
    usageLocation: raw.usageLocation ?? null,
    assignedLicenses,
    paths,
  };
}

export function toTenantSku(sku: SubscribedSku): TenantSku | undefined {
  const skuId = guidText(sku.skuId);
  if (!skuId) return undefined;
  return {
    skuId,
    skuPartNumber: sku.skuPartNumber ?? skuId,
    plans: (sku.servicePlans ?? []).flatMap((p) => {
      const id = guidText(p.servicePlanId);
      return id ? [{ servicePlanId: id, servicePlanName: p.servicePlanName ?? id }] : [];
    }),
  };
}

/** One page's raw text, read through the client's request adapter (its auth, host pinning and middleware apply). */
async function rawText(client: GraphClient, info: RequestInformation): Promise<string> {
  let raw: ArrayBuffer | undefined;
  try {
    raw = await client.requestAdapter.sendPrimitive<ArrayBuffer>(info, 'ArrayBuffer', undefined);
  } catch (error) {
    throw toGraphError(error);
  }
  return raw ? new TextDecoder().decode(raw) : '';
}

/** The `@odata.nextLink` of a page's raw JSON, found without parsing the page (undefined when there is none). */
function nextLinkIn(text: string): string | undefined {
  const match = /"@odata\.nextLink"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  return match?.[1] === undefined ? undefined : (JSON.parse(`"${match[1]}"`) as string);
}

/**
 * Every user, 999 a page, each page through the failure policy (`graphCall`) and each nextLink checked before it is
 * followed. The pages must come one after the other (each names the next), so the next request is sent as soon as
 * a page's link is found in its text, and the page is parsed (`JSON.parse`: several times faster than Kiota's parse
 * nodes for 999 users with their states) while the next one travels. The link found early must be the one the
 * parsed page carries, or the read fails.
 */
async function readAllUsers(context: TenantReadContext): Promise<TenantUser[]> {
  const { client } = context;
  const versionRoot = new URL(client.graphBaseUrl).pathname.replace(/\/+$/, '');
  const scope = { origin: client.graphOrigin, path: `${versionRoot}/users` };
  const followed = new Set<string>();
  const users: TenantUser[] = [];
  const fetchPage = (info: (options: CallConfig['options']) => RequestInformation) => {
    const page = graphCall(({ options }) => rawText(client, info(options)), context.sleep);
    page.catch(() => undefined); // awaited below; never an unhandled rejection while the previous page is parsed
    return page;
  };
  let pending: Promise<string> | undefined = fetchPage((options) =>
    client.users.toGetRequestInformation({
      queryParameters: { select: TENANT_USER_SELECT, top: PAGE_SIZE },
      options,
    }),
  );
  while (pending) {
    const text: string = await pending;
    pending = undefined;
    const link = nextLinkIn(text);
    if (link !== undefined) {
      const checked = checkNextLink(link, scope, followed);
      if (!checked.ok) throw checked.error;
      followed.add(checked.url.href);
      const url = checked.url.href;
      pending = fetchPage((options) => client.users.withUrl(url).toGetRequestInformation({ options }));
    }
    const body = (text ? JSON.parse(text) : {}) as { value?: GraphUserLike[]; '@odata.nextLink'?: unknown };
    if ((body['@odata.nextLink'] ?? undefined) !== link) {
      throw new GraphError({
        kind: 'graph',
        code: 'UnexpectedPage',
        message: `A page of ${scope.path} carried an @odata.nextLink that could not be read from its text; the read was stopped.`,
      });
    }
    for (const user of body.value ?? []) users.push(toTenantUser(user));
  }
  return users;
}

export interface TenantReadContext {
  client: GraphClient;
  tenantSkus: () => Promise<SubscribedSku[]>;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Reads the whole model in the fewest requests: the SKUs (cached by the service), the license-holding groups
 * (`$filter=assignedLicenses/any()`), and every user with `licenseAssignmentStates` — which name the granting group
 * of each path, so no group's members are read. 999 a page, nextLinks checked; the three chains run side by side.
 */
export async function readTenantModel(context: TenantReadContext): Promise<TenantModel> {
  const [skus, groups, users] = await Promise.all([
    context.tenantSkus(),
    readLicensedGroups(context),
    readAllUsers(context),
  ]);
  return buildTenantModel({
    skus: skus.flatMap((s) => toTenantSku(s) ?? []),
    groups,
    users,
  });
}

type UserAnswer = GraphUserLike & {
  '@odata.type'?: string;
  value?: (GraphUserLike & { '@odata.type'?: string })[];
};

/**
 * Users read through `$batch`, 20 requests a call: a group's direct user members (paged to the end, nextLinks
 * checked; nested groups are skipped — Entra does not pass a group's licenses to their members) or one user. Each
 * answer goes through the engine's decision function (`nextAction`): 429 waits its Retry-After, transient answers
 * are retried, anything else fails the read with Graph's error.
 */
async function batchUserReads(
  context: TenantReadContext,
  reads: readonly { key: string; path: string; collection: boolean }[],
): Promise<Map<string, TenantUser[]>> {
  const query = (collection: boolean) =>
    `$select=${TENANT_USER_SELECT.join(',')}${collection ? `&$top=${PAGE_SIZE}` : ''}`;
  const found = new Map<string, TenantUser[]>(reads.map((r) => [r.key, []]));
  const collections = new Set(reads.filter((r) => r.collection).map((r) => r.key));
  await batchedReads(
    context.client,
    reads.map((r) => ({
      key: r.key,
      ...(r.collection ? { collection: r.path } : {}),
      url: `${r.path}?${query(r.collection)}`,
    })),
    (key, answer) => {
      const body = answer as UserAnswer;
      const list = found.get(key) ?? [];
      if (!collections.has(key)) {
        list.push(toTenantUser(body));
        return;
      }
      for (const object of body.value ?? []) {
        const type = object['@odata.type'];
        if (type === undefined || type === '#microsoft.graph.user') list.push(toTenantUser(object));
      }
    },
    { sleep: context.sleep },
  );
  return found;
}

/** The direct user members of each group, by group id (see `batchUserReads`). */
export function readGroupMembers(
  context: TenantReadContext,
  groupIds: readonly string[],
): Promise<Map<string, TenantUser[]>> {
  return batchUserReads(
    context,
    groupIds.map((id) => ({ key: id, path: `/groups/${encodeURIComponent(id)}/members`, collection: true })),
  );
}

/** Users by id or UPN (the key is the reference given). */
export async function readUsers(
  context: TenantReadContext,
  refs: readonly string[],
): Promise<Map<string, TenantUser | undefined>> {
  const found = await batchUserReads(
    context,
    refs.map((ref) => ({ key: ref, path: `/users/${encodeURIComponent(ref)}`, collection: false })),
  );
  return new Map(refs.map((ref) => [ref, found.get(ref)?.[0]]));
}

/** The license-holding groups with their names and licenses (`$filter=assignedLicenses/any()`, 999 a page). */
export async function readLicensedGroups(context: TenantReadContext): Promise<TenantGroup[]> {
  const { client } = context;
  const groups = await allPages(
    ({ options }) =>
      client.groups.get({
        queryParameters: {
          filter: 'assignedLicenses/any()',
          select: ['id', 'displayName', 'assignedLicenses'],
          top: PAGE_SIZE,
        },
        options,
      }),
    (url, { options }) => client.groups.withUrl(url).get({ options }),
    { client, path: '/groups' },
  );
  return groups.map((g) => ({
    id: (g.id ?? '').toLowerCase(),
    displayName: g.displayName ?? null,
    licenses: toLicenses(g.assignedLicenses),
  }));
}
