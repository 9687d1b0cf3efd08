import { explainGraphRefusal } from '../core/refusals/explain-graph-refusal.js';
import { type GraphDirectoryObject, type TargetState, toTargetState } from '../core/target-state.js';
import type { BatchResponse } from './batch-transport.js';
import { errorOf, graphErrorOf } from './errors.js';
import { failed, type Job, noOps, type Op, type Step } from './job.js';
import { checkNextLink, underVersionRoot } from './next-link.js';
import { planTarget } from './plan-target.js';
import { seatNeeds } from './preflight.js';
import { groupNameOp, membersOp } from './requests.js';
import type { RunContext } from './run-context.js';

function odataTypeOf(object: GraphDirectoryObject): string | null {
  const type = (object as Record<string, unknown>)['@odata.type'];
  return typeof type === 'string' ? type : (object.odataType ?? null);
}

/** The SKUs a group would newly hold, for which its members are counted (none when the check is off). */
function skusToCount(run: RunContext, job: Job, state: TargetState): string[] {
  if (state.target.kind !== 'group' || !run.settings.groupSeatCheck || job.maybeWrote) return [];
  const assigned = new Set(state.assigned.map((l) => l.skuId));
  return job.changeSet.skus.filter((r) => r.present && !assigned.has(r.skuId)).map((r) => r.skuId);
}

/** After the target's state is known: the extra reads the plan needs, or the plan itself. */
function afterTargetRead(run: RunContext, job: Job, state: TargetState): Step {
  const groupIds = run.settings.nameInheritingGroups
    ? [...new Set(state.states.flatMap((s) => (s.assignedByGroup ? [s.assignedByGroup] : [])))]
    : [];
  if (groupIds.length > 0 && !job.pending) {
    job.pending = { state, groupNames: { names: new Map(), waiting: groupIds.length } };
    return { ops: groupIds.map((groupId) => groupNameOp(job, groupId)) };
  }
  const skuIds = skusToCount(run, job, state);
  if (skuIds.length > 0) {
    job.pending = { ...(job.pending ?? { state }), members: { objects: [], skuIds, followed: new Set() } };
    return { ops: [membersOp(run, job)] };
  }
  const names = job.pending?.groupNames?.names;
  job.pending = undefined;
  return planTarget(run, job, state, names ? { groupNames: names } : {});
}

/** Stage "read targets": a target's answer, an inheriting group's name, or a page of a group's members. */
export function onReadAnswer(run: RunContext, op: Op, response: BatchResponse): Step {
  const { job } = op;
  if (op.stage === 'read') {
    const state = toTargetState(job.target, (response.body ?? {}) as GraphDirectoryObject);
    job.pending = undefined;
    return afterTargetRead(run, job, state);
  }
  const pending = job.pending;
  if (!pending) return noOps;
  if (op.stage === 'groupName') {
    const group = (response.body ?? {}) as { displayName?: unknown };
    const names = pending.groupNames;
    if (names && op.groupId && typeof group.displayName === 'string')
      names.names.set(op.groupId, group.displayName);
    return groupNameDone(run, job);
  }
  const members = pending.members;
  if (!members) return noOps;
  const page = (response.body ?? {}) as { value?: GraphDirectoryObject[]; '@odata.nextLink'?: unknown };
  for (const m of page.value ?? []) members.objects.push({ ...m, odataType: odataTypeOf(m) });
  const link = page['@odata.nextLink'];
  if (link !== undefined && link !== null) {
    const scope = op.pages ?? { origin: run.settings.origin, path: op.url.split('?')[0] ?? op.url };
    const checked = checkNextLink(link, scope, members.followed);
    if (!checked.ok) {
      job.pending = undefined;
      return failed(errorOf(checked.error), checked.error);
    }
    members.followed.add(checked.url.href);
    return { ops: [{ ...op, url: underVersionRoot(checked.url, run.settings.versionRoot), notBefore: 0 }] };
  }
  job.pending = undefined;
  const names = pending.groupNames?.names;
  return planTarget(run, job, pending.state, {
    membersNeedingSeat: seatNeeds(members.objects, members.skuIds),
    ...(names ? { groupNames: names } : {}),
  });
}

function groupNameDone(run: RunContext, job: Job): Step {
  const pending = job.pending;
  const names = pending?.groupNames;
  if (!pending || !names) return noOps;
  names.waiting -= 1;
  if (names.waiting > 0) return noOps;
  return afterTargetRead(run, job, pending.state);
}

/**
 * A read Graph refused for good. The target's read: the job fails (404 names the field and the id given). A group
 * name: the id alone names the group. A members page: plan without the seat pre-flight (no permission to read
 * members, say).
 */
export function onReadRefused(
  run: RunContext,
  op: Op,
  response: BatchResponse | undefined,
  cause: unknown,
): Step {
  const { job } = op;
  if (op.stage === 'read') {
    const error = explainGraphRefusal(response ? graphErrorOf(response) : cause, {
      operation: 'readTarget',
      target: job.target,
    });
    return failed(errorOf(error), error);
  }
  const pending = job.pending;
  if (!pending) return noOps;
  if (op.stage === 'groupName') return groupNameDone(run, job);
  job.pending = undefined;
  const names = pending.groupNames?.names;
  return planTarget(run, job, pending.state, names ? { groupNames: names } : {});
}
