import type { GraphClient } from '@entra-licensing/graph-client';
import { allPages } from './graph-call.js';

type Member = { id?: string | null; odataType?: string | null; additionalData?: Record<string, unknown> };

function typeOf(member: Member): string {
  const raw = member.odataType ?? member.additionalData?.['@odata.type'];
  return typeof raw === 'string' ? raw.toLowerCase() : '';
}

/**
 * The user ids of the members of the exempt groups, nested groups followed (an exception is meant broadly: a person
 * on leave in a sub-group of "On leave" is on leave). Paged to the end through the engine's failure policy; each
 * group read once.
 */
export async function readExemptMembers(
  client: GraphClient,
  groupIds: readonly string[],
): Promise<Set<string>> {
  const users = new Set<string>();
  const seen = new Set<string>();
  let queue = groupIds.map((g) => g.toLowerCase());
  while (queue.length > 0) {
    const next: string[] = [];
    for (const groupId of queue) {
      if (seen.has(groupId)) continue;
      seen.add(groupId);
      const members = await allPages<Member>(
        ({ options }) =>
          client.groups
            .byGroupId(groupId)
            .members.get({ queryParameters: { select: ['id'], top: 999 }, options }),
        (url, { options }) => client.groups.byGroupId(groupId).members.withUrl(url).get({ options }),
        { client, path: `/groups/${groupId}/members` },
      );
      for (const member of members) {
        const id = member.id?.toLowerCase();
        if (!id) continue;
        const type = typeOf(member);
        if (type === '#microsoft.graph.group') next.push(id);
        else if (type === '' || type === '#microsoft.graph.user') users.add(id);
      }
    }
    queue = next;
  }
  return users;
}
