import { type GraphClient, GraphError, isGraphError } from '@entra-licensing/graph-client';
import type { SignInRecord } from '../core/reclaim/from-tenant.js';
import type { SignInActivity } from '../core/reclaim/types.js';
import { allPages } from './graph-call.js';

/** What reclaim reads of every user besides licenses. */
export const ACCOUNT_SELECT = ['id', 'userPrincipalName', 'accountEnabled', 'createdDateTime'];

/**
 * Graph's largest page when `signInActivity` is selected: "the maximum page size is 120 users; requests with $top
 * set higher than 120 will return pages with up to 120 users" (user resource, signInActivity property).
 */
export const SIGN_IN_PAGE_SIZE = 120;
const ACCOUNT_PAGE_SIZE = 999;

/** Graph's answer when the tenant has no Microsoft Entra ID P1/P2 (HTTP 403). */
export const NO_PREMIUM_CODE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

/** Why sign-in activity could not be read, said plainly: what is missing and what to grant or buy. */
export interface SignInUnavailable {
  reason: 'permission' | 'premium';
  /** Graph's error code and HTTP status, as Graph gave them. */
  graphCode: string;
  status: number | undefined;
  message: string;
}

export interface SignInRead {
  records: SignInRecord[];
  /** Set when `signInActivity` could not be read: only the `disabled` bucket can be searched. */
  unavailable?: SignInUnavailable;
}

type RawUser = {
  id?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
  createdDateTime?: Date | string | null;
  additionalData?: Record<string, unknown>;
};

function text(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : null;
}

function activityOf(value: unknown): SignInActivity | null {
  if (value === null || value === undefined || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  return {
    lastSignInDateTime: text(raw.lastSignInDateTime),
    lastNonInteractiveSignInDateTime: text(raw.lastNonInteractiveSignInDateTime),
    lastSuccessfulSignInDateTime: text(raw.lastSuccessfulSignInDateTime),
  };
}

/** A user of the `/users` answer as reclaim's record (the generated model lacks the two fields: raw JSON keeps them). */
export function toSignInRecord(raw: RawUser, withActivity: boolean): SignInRecord {
  const extra = raw.additionalData ?? {};
  return {
    id: (raw.id ?? '').toLowerCase(),
    userPrincipalName: raw.userPrincipalName ?? null,
    accountEnabled: raw.accountEnabled ?? null,
    createdDateTime: text(raw.createdDateTime ?? extra.createdDateTime),
    ...(withActivity ? { signInActivity: activityOf(extra.signInActivity) } : {}),
  };
}

/** The refusal of `$select=signInActivity` explained (undefined: not a refusal about permission or licence). */
export function explainSignInRefusal(error: unknown): SignInUnavailable | undefined {
  if (!isGraphError(error) || (error.status !== 403 && error.status !== 401)) return undefined;
  const graph = `Graph answered ${error.code} (HTTP ${error.status}${error.message ? `: ${error.message}` : ''})`;
  const fallback = "Until then only the 'disabled' bucket (sign-in blocked) is searched: it needs neither.";
  if (error.code.toLowerCase() === NO_PREMIUM_CODE.toLowerCase()) {
    return {
      reason: 'premium',
      graphCode: error.code,
      status: error.status,
      message:
        `Sign-in activity needs Microsoft Entra ID P1 or P2 in the tenant, and this tenant has neither: ${graph}. ` +
        'Buy or start a trial of a subscription that includes it (Microsoft Entra ID P1, EMS E3/E5, Microsoft 365 ' +
        `E3/E5 or Business Premium). ${fallback}`,
    };
  }
  return {
    reason: 'permission',
    graphCode: error.code,
    status: error.status,
    message:
      `Sign-in activity needs the Microsoft Graph application permission AuditLog.Read.All (besides User.Read.All): ${graph}. ` +
      'Grant it in the Microsoft Entra admin center › App registrations › this app › API permissions › Add a ' +
      "permission › Microsoft Graph › Application permissions › AuditLog.Read.All, then 'Grant admin consent'. " +
      fallback,
  };
}

async function readUsers(client: GraphClient, select: string[], top: number): Promise<RawUser[]> {
  return allPages<RawUser>(
    ({ options }) => client.users.get({ queryParameters: { select, top }, options }),
    (url, { options }) => client.users.withUrl(url).get({ options }),
    { client, path: '/users' },
  );
}

/**
 * Every user's account facts and `signInActivity`, paged to the end through the engine's failure policy. When Graph
 * refuses `signInActivity` (no AuditLog.Read.All, or no Entra ID P1), the accounts are read again without it and
 * the refusal is explained in `unavailable`; any other failure is thrown.
 */
export async function readSignIns(client: GraphClient): Promise<SignInRead> {
  try {
    const users = await readUsers(client, [...ACCOUNT_SELECT, 'signInActivity'], SIGN_IN_PAGE_SIZE);
    return { records: users.map((u) => toSignInRecord(u, true)) };
  } catch (error) {
    const unavailable = explainSignInRefusal(error);
    if (!unavailable) throw error;
    const users = await readUsers(client, ACCOUNT_SELECT, ACCOUNT_PAGE_SIZE);
    return { records: users.map((u) => toSignInRecord(u, false)), unavailable };
  }
}

/** Thrown when a caller requires sign-in activity and Graph refused it. */
export function signInUnavailableError(unavailable: SignInUnavailable): GraphError {
  return new GraphError({
    kind: 'graph',
    ...(unavailable.status === undefined ? {} : { status: unavailable.status }),
    code: unavailable.graphCode,
    message: unavailable.message,
  });
}
