import type { ReclaimExceptions, ReclaimUserFacts } from './types.js';

/**
 * Who is exempt: a user named by id or UPN (case-insensitive, as Entra compares them), or a member of an exempt
 * group. `exemptGroupMembers`: the user ids of the exempt groups' members, as read (nested groups included).
 */
export function exemptionTest(
  exceptions: ReclaimExceptions,
  exemptGroupMembers: ReadonlySet<string>,
): (user: ReclaimUserFacts) => boolean {
  const named = new Set((exceptions.users ?? []).map((u) => u.trim().toLowerCase()));
  const members = new Set([...exemptGroupMembers].map((id) => id.toLowerCase()));
  return (user) =>
    named.has(user.id.toLowerCase()) ||
    named.has(user.userPrincipalName.toLowerCase()) ||
    members.has(user.id.toLowerCase());
}
