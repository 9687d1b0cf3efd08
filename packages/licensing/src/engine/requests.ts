import { TARGET_SELECT } from '../core/target-state.js';
import type { Job, Op } from './job.js';
import type { RunContext } from './run-context.js';

/** Each request a job can send, as a `$batch` step relative to the version root. */
export function pathOf(job: Job): string {
  return `/${job.target.kind === 'group' ? 'groups' : 'users'}/${encodeURIComponent(job.target.id)}`;
}

/** The read of a target's licenses (the first request of every job, and the re-read after an ambiguous answer). */
export function readOp(job: Job, notBefore = 0): Op {
  const select = TARGET_SELECT[job.target.kind].join(',');
  return {
    job,
    kind: 'read',
    stage: 'read',
    method: 'GET',
    url: `${pathOf(job)}?$select=${select}`,
    notBefore,
  };
}

/** The first page of a group's members (users' licenses), for the seat pre-flight. */
export function membersOp(run: RunContext, job: Job): Op {
  const path = `${pathOf(job)}/members`;
  return {
    job,
    kind: 'read',
    stage: 'members',
    method: 'GET',
    url: `${path}?$select=id,assignedLicenses&$top=999`,
    notBefore: 0,
    pages: { origin: run.settings.origin, path: `${run.settings.versionRoot}${path}` },
  };
}

/** The display name of a group a user inherits licenses from (for messages). */
export function groupNameOp(job: Job, groupId: string): Op {
  return {
    job,
    kind: 'read',
    stage: 'groupName',
    method: 'GET',
    url: `/groups/${encodeURIComponent(groupId)}?$select=id,displayName`,
    notBefore: 0,
    groupId,
  };
}

export function assignOp(job: Job, body: { addLicenses: unknown[]; removeLicenses: unknown[] }): Op {
  return {
    job,
    kind: 'write',
    stage: 'assign',
    method: 'POST',
    url: `${pathOf(job)}/assignLicense`,
    body: { addLicenses: body.addLicenses, removeLicenses: body.removeLicenses },
    notBefore: 0,
  };
}

/** Setting a user's usage location; the assignment follows only once Graph accepted it (never in the same batch). */
export function usageLocationOp(job: Job, usageLocation: string, then: Op): Op {
  return {
    job,
    kind: 'write',
    stage: 'usageLocation',
    method: 'PATCH',
    url: pathOf(job),
    body: { usageLocation },
    notBefore: 0,
    followUp: then,
  };
}
