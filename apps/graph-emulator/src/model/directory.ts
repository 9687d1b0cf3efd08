import { badRequest } from '../graph/errors.js';
import { checkPlans, enabledPlanIds, type LicenseRules } from './license-rules.js';
import { type GroupLicenseVersion, ReplicationLag } from './replication.js';
import type { App, AssignedLicense, Group, LicenseAssignmentState, Sku, Tenant, User } from './types.js';

/** Everything a directory starts from (a resolved seed); never mutated. */
export interface DirectorySnapshot {
  tenant: Tenant;
  apps: App[];
  skus: Sku[];
  users: User[];
  groups: Group[];
  rules: LicenseRules;
}

export type ProcessingState = 'QueuedForProcessing' | 'ProcessingInProgress' | 'ProcessingComplete';

interface ProcessingJob {
  groupId: string;
  /** null: the whole group (its license configuration changed). */
  userIds: string[] | null;
  createdAt: number;
  dueAt: number;
}

export interface AssignLicenseInput {
  addLicenses: AssignedLicense[];
  removeLicenses: string[];
}

const isActive = (s: LicenseAssignmentState): boolean =>
  s.state === 'Active' || s.state === 'ActiveWithError';

/**
 * The tenant's state: SKUs, users, groups, memberships and license assignments, with Entra's asynchronous
 * group-based licensing. Time is read from `clock`; pending group processing is applied lazily by
 * {@link advance}, which the server calls before every request.
 */
export class Directory {
  readonly tenant: Tenant;
  readonly apps: App[];
  readonly skus = new Map<string, Sku>();
  readonly users = new Map<string, User>();
  readonly groups = new Map<string, Group>();
  private readonly usersByUpn = new Map<string, User>();
  private readonly rules: LicenseRules;
  private readonly consumed = new Map<string, number>();
  /** Group id → member ids, for constant-time membership checks on large tenants. */
  private readonly memberSets = new Map<string, Set<string>>();
  private jobs: ProcessingJob[] = [];
  private nextDue = Number.POSITIVE_INFINITY;
  /** Set under a replication delay: reads of license state lag behind writes. */
  private lag: ReplicationLag | null = null;

  constructor(
    snapshot: DirectorySnapshot,
    private readonly clock: () => number,
    private readonly processingDelayMs: number,
    replicationDelayMs = 0,
  ) {
    const copy = structuredClone(snapshot);
    this.tenant = copy.tenant;
    this.apps = copy.apps;
    this.rules = snapshot.rules;
    for (const sku of copy.skus) this.skus.set(sku.skuId, sku);
    for (const user of copy.users) {
      this.users.set(user.id, user);
      this.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
      for (const state of user.licenseAssignmentStates) if (isActive(state)) this.countSeat(state.skuId, 1);
    }
    for (const group of copy.groups) {
      this.groups.set(group.id, group);
      this.memberSets.set(group.id, new Set(group.memberIds));
    }
    for (const group of this.groups.values()) {
      if (group.assignedLicenses.length > 0) group.appliedLicenses = structuredClone(group.assignedLicenses);
    }
    for (const user of this.users.values()) this.evaluateUser(user);
    this.setReplicationDelay(replicationDelayMs);
  }

  /** Reads of license state see the state of `ms` ago (0 = always the latest). Forgets earlier history. */
  setReplicationDelay(ms: number): void {
    this.lag = ms > 0 ? new ReplicationLag(ms) : null;
  }

  // ---------------------------------------------------------------- reads (through the replica)

  /** A user's license states as a read sees them (lagging under a replication delay). */
  readUserStates(user: User): LicenseAssignmentState[] {
    return this.lag?.userStates(user.id, this.clock()) ?? user.licenseAssignmentStates;
  }

  /** A user's `assignedLicenses` as a read sees them. */
  readUserAssignedLicenses(user: User): AssignedLicense[] {
    return mergeActive(this.readUserStates(user));
  }

  /** A group's `assignedLicenses` as a read sees them. */
  readGroupLicenses(group: Group): AssignedLicense[] {
    return this.lag?.group(group.id, this.clock())?.assignedLicenses ?? group.assignedLicenses;
  }

  /** A group's `licenseProcessingState` as a read sees it. */
  readProcessingState(group: Group): ProcessingState | null {
    const now = this.clock();
    const version = this.lag?.group(group.id, now);
    if (!version) return this.processingState(group, now);
    if (!version.everLicensed) return null;
    if (version.pendingSince === null) return 'ProcessingComplete';
    return now - (this.lag?.delayMs ?? 0) - version.pendingSince < this.processingDelayMs / 2
      ? 'QueuedForProcessing'
      : 'ProcessingInProgress';
  }

  now(): number {
    return this.clock();
  }

  findUser(idOrUpn: string): User | undefined {
    return this.users.get(idOrUpn.toLowerCase()) ?? this.usersByUpn.get(idOrUpn.toLowerCase());
  }

  /** Users in creation order. */
  listUsers(): User[] {
    return [...this.users.values()];
  }

  listGroups(): Group[] {
    return [...this.groups.values()];
  }

  consumedUnits(skuId: string): number {
    return this.consumed.get(skuId) ?? 0;
  }

  /** Seats still free: `prepaidUnits.enabled − consumedUnits` (warning units are not counted as free). */
  availableUnits(skuId: string): number {
    const sku = this.skus.get(skuId);
    return sku ? sku.prepaidUnits.enabled - this.consumedUnits(skuId) : 0;
  }

  // ---------------------------------------------------------------- group-based licensing

  /** Applies every processing job that is due. */
  advance(now = this.clock()): void {
    if (this.jobs.length === 0 || this.nextDue > now) return;
    const due = this.jobs.filter((j) => j.dueAt <= now);
    if (this.lag) for (const job of due) this.recordGroup(job.groupId, now);
    this.jobs = this.jobs.filter((j) => j.dueAt > now);
    this.nextDue = this.jobs.reduce((min, j) => Math.min(min, j.dueAt), Number.POSITIVE_INFINITY);
    for (const job of due) this.runJob(job);
  }

  processingState(group: Group, now = this.clock()): ProcessingState | null {
    if (!group.everLicensed) return null;
    const pending = this.jobs.filter((j) => j.groupId === group.id);
    if (pending.length === 0) return 'ProcessingComplete';
    const first = pending.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
    return now - first.createdAt < this.processingDelayMs / 2
      ? 'QueuedForProcessing'
      : 'ProcessingInProgress';
  }

  /** Validates and applies a group's assignLicense (Graph answers 202 before members are processed). */
  assignGroupLicenses(group: Group, input: AssignLicenseInput): void {
    if (!group.securityEnabled) {
      throw badRequest(
        `License assignment is not supported for group '${group.id}': only security groups and Microsoft 365 groups with securityEnabled set to true can be assigned licenses.`,
      );
    }
    this.validateLicenseLists(input, 'group');
    const assigned = new Set(group.assignedLicenses.map((l) => l.skuId));
    for (const skuId of input.removeLicenses) {
      if (!assigned.has(skuId))
        throw badRequest(`License ${skuId} is not assigned to the group '${group.id}'.`);
    }
    let next = group.assignedLicenses.filter((l) => !input.removeLicenses.includes(l.skuId));
    for (const add of input.addLicenses) {
      const copy = { skuId: add.skuId, disabledPlans: [...add.disabledPlans] };
      const index = next.findIndex((l) => l.skuId === add.skuId);
      if (index >= 0) next[index] = copy;
      else next = [...next, copy];
    }
    if (this.lag) this.recordGroup(group.id, this.clock());
    group.assignedLicenses = next;
    if (input.addLicenses.length > 0 || input.removeLicenses.length > 0) {
      group.everLicensed = true;
      this.schedule(group.id, null);
    }
  }

  addMember(group: Group, user: User): void {
    if (this.isMember(group, user)) {
      throw badRequest(
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
    }
    group.memberIds.push(user.id);
    this.memberSet(group).add(user.id);
    if (group.everLicensed) this.schedule(group.id, [user.id]);
  }

  /** Returns false when the user was not a member. */
  removeMember(group: Group, user: User): boolean {
    const index = group.memberIds.indexOf(user.id);
    if (index < 0) return false;
    group.memberIds.splice(index, 1);
    this.memberSet(group).delete(user.id);
    if (group.everLicensed) this.schedule(group.id, [user.id]);
    return true;
  }

  membersWithLicenseErrors(group: Group): User[] {
    const result: User[] = [];
    for (const user of this.users.values()) {
      if (this.readUserStates(user).some((s) => s.assignedByGroup === group.id && s.state === 'Error')) {
        result.push(user);
      }
    }
    return result;
  }

  hasMembersWithLicenseErrors(group: Group): boolean {
    return this.membersWithLicenseErrors(group).length > 0;
  }

  // ---------------------------------------------------------------- direct (user) licensing

  /** Validates and applies a user's assignLicense; Graph answers it synchronously (200 or 400). */
  assignUserLicenses(user: User, input: AssignLicenseInput): void {
    this.validateLicenseLists(input, 'user');
    for (const skuId of input.removeLicenses) {
      if (!user.directLicenses.some((l) => l.skuId === skuId)) {
        if (user.licenseAssignmentStates.some((s) => s.skuId === skuId && s.assignedByGroup !== null)) {
          throw badRequest(
            'User license is inherited from a group membership and it cannot be removed directly from the user.',
          );
        }
        throw badRequest('User does not have a corresponding license.');
      }
    }
    if (input.addLicenses.length > 0 && !user.usageLocation) {
      throw badRequest('License assignment cannot be done for user with invalid usage location.');
    }
    const changing = new Set([...input.removeLicenses, ...input.addLicenses.map((l) => l.skuId)]);
    const keptStates = user.licenseAssignmentStates.filter(
      (s) => isActive(s) && !(s.assignedByGroup === null && changing.has(s.skuId)),
    );
    const otherPlans = new Set<string>();
    for (const state of keptStates) {
      const sku = this.skus.get(state.skuId);
      if (sku) for (const plan of enabledPlanIds(sku, state)) otherPlans.add(plan);
    }
    const newPlans = new Set<string>();
    const resolved = input.addLicenses.map((add) => {
      const sku = this.skus.get(add.skuId)!;
      const plans = enabledPlanIds(sku, add);
      for (const plan of plans) newPlans.add(plan);
      return { add, sku, plans };
    });
    for (const { add, sku, plans } of resolved) {
      const holds = user.licenseAssignmentStates.some((s) => s.skuId === add.skuId && isActive(s));
      if (!holds && this.availableUnits(sku.skuId) <= 0) {
        throw badRequest(`Subscription with SKU ${sku.skuId} does not have any available licenses.`);
      }
      const violation = checkPlans(this.rules, plans, otherPlans, newPlans, user.usageLocation ?? '');
      if (violation) throw badRequest(violation.message);
    }
    const direct = user.directLicenses.filter((l) => !changing.has(l.skuId));
    for (const { add } of resolved) direct.push({ skuId: add.skuId, disabledPlans: [...add.disabledPlans] });
    user.directLicenses = direct;
    this.evaluateUser(user);
  }

  /** Graph's reprocessLicenseAssignment: re-runs group-based licensing for one user, now. */
  reprocessUser(user: User): void {
    this.evaluateUser(user);
  }

  /** `assignedLicenses` of a user (latest state): active licenses from every source, one per SKU. */
  userAssignedLicenses(user: User): AssignedLicense[] {
    return mergeActive(user.licenseAssignmentStates);
  }

  // ---------------------------------------------------------------- internals

  private validateLicenseLists(input: AssignLicenseInput, target: 'group' | 'user'): void {
    const seen = new Set<string>();
    for (const add of input.addLicenses) {
      const sku = this.skus.get(add.skuId);
      if (!sku) throw badRequest(`License ${add.skuId} does not correspond to a valid company License.`);
      if (sku.appliesTo !== 'User')
        throw badRequest(`License ${add.skuId} cannot be assigned to a ${target}.`);
      if (seen.has(add.skuId))
        throw badRequest(`License ${add.skuId} is specified more than once in addLicenses.`);
      seen.add(add.skuId);
      const plans = new Set(sku.servicePlans.map((p) => p.servicePlanId));
      for (const plan of add.disabledPlans) {
        if (!plans.has(plan)) {
          throw badRequest(
            `Service plan ${plan} does not belong to the subscription ${sku.skuPartNumber} (${sku.skuId}).`,
          );
        }
      }
      if (input.removeLicenses.includes(add.skuId)) {
        throw badRequest(`License ${add.skuId} cannot be both added and removed in the same request.`);
      }
    }
    for (const skuId of input.removeLicenses) {
      if (!this.skus.has(skuId))
        throw badRequest(`License ${skuId} does not correspond to a valid company License.`);
    }
  }

  /**
   * Queues processing for a group (all members, or some). A job still pending for the group absorbs the new
   * work: it applies the group's configuration as it is when it runs, as Entra processes the latest state.
   */
  private schedule(groupId: string, userIds: string[] | null): void {
    const now = this.clock();
    if (this.lag && userIds !== null) this.recordGroup(groupId, now);
    const pending = this.jobs.filter((j) => j.groupId === groupId);
    const pendingAll = pending.find((j) => j.userIds === null);
    const pendingSome = pending.find((j) => j.userIds !== null);
    if (pendingAll) {
      // already covers every member
    } else if (userIds !== null && pendingSome?.userIds) {
      for (const id of userIds) if (!pendingSome.userIds.includes(id)) pendingSome.userIds.push(id);
    } else {
      if (userIds === null) this.jobs = this.jobs.filter((j) => j.groupId !== groupId);
      const dueAt = now + this.processingDelayMs;
      this.jobs.push({ groupId, userIds, createdAt: pendingSome?.createdAt ?? now, dueAt });
      this.nextDue = Math.min(this.nextDue, dueAt);
    }
    this.advance(now);
  }

  private runJob(job: ProcessingJob): void {
    const group = this.groups.get(job.groupId);
    if (!group) return;
    let affected: string[];
    if (job.userIds === null) {
      group.appliedLicenses = structuredClone(group.assignedLicenses);
      const holders = this.listUsers()
        .filter((u) => u.licenseAssignmentStates.some((s) => s.assignedByGroup === group.id))
        .map((u) => u.id);
      affected = [...new Set([...group.memberIds, ...holders])];
    } else {
      affected = job.userIds;
    }
    for (const id of affected) {
      const user = this.users.get(id);
      if (user) this.evaluateUser(user);
    }
  }

  /** Keeps a group's licensing as it is now, for reads that lag behind the write about to happen. */
  private recordGroup(groupId: string, now: number): void {
    const group = this.groups.get(groupId);
    if (!group || !this.lag) return;
    const pending = this.jobs.filter((j) => j.groupId === groupId);
    const version: GroupLicenseVersion = {
      assignedLicenses: group.assignedLicenses,
      everLicensed: group.everLicensed,
      pendingSince: pending.length === 0 ? null : Math.min(...pending.map((j) => j.createdAt)),
    };
    this.lag.recordGroup(groupId, version, now);
  }

  private countSeat(skuId: string, delta: number): void {
    this.consumed.set(skuId, (this.consumed.get(skuId) ?? 0) + delta);
  }

  private memberSet(group: Group): Set<string> {
    let set = this.memberSets.get(group.id);
    if (!set) {
      set = new Set(group.memberIds);
      this.memberSets.set(group.id, set);
    }
    return set;
  }

  isMember(group: Group, user: User): boolean {
    return this.memberSet(group).has(user.id);
  }

  /** The licensed groups a user is a direct member of, in group order. */
  private groupsOf(user: User): Group[] {
    const result: Group[] = [];
    for (const group of this.groups.values()) {
      if (group.appliedLicenses.length > 0 && this.memberSet(group).has(user.id)) result.push(group);
    }
    return result;
  }

  /** Recomputes a user's license states from their direct licenses and their groups' applied licenses. */
  private evaluateUser(user: User): void {
    const nowIso = new Date(this.clock()).toISOString();
    const previous = user.licenseAssignmentStates;
    const heldBefore = new Set(previous.filter(isActive).map((s) => s.skuId));
    const states: LicenseAssignmentState[] = [];
    const held = new Set<string>();
    const activePlans = new Set<string>();
    for (const license of user.directLicenses) {
      states.push(this.state(previous, license, null, 'Active', 'None', nowIso));
      held.add(license.skuId);
      const sku = this.skus.get(license.skuId);
      if (sku) for (const plan of enabledPlanIds(sku, license)) activePlans.add(plan);
    }
    const location = user.usageLocation ?? this.tenant.countryLetterCode;
    for (const group of this.groupsOf(user)) {
      const groupPlans = new Set<string>();
      for (const license of group.appliedLicenses) {
        const sku = this.skus.get(license.skuId);
        if (sku) for (const plan of enabledPlanIds(sku, license)) groupPlans.add(plan);
      }
      let failure: { skuId: string; error: LicenseAssignmentState['error'] } | undefined;
      for (const license of group.appliedLicenses) {
        const sku = this.skus.get(license.skuId);
        if (sku?.appliesTo !== 'User') {
          failure = { skuId: license.skuId, error: 'Other' };
          break;
        }
        const violation = checkPlans(
          this.rules,
          enabledPlanIds(sku, license),
          activePlans,
          groupPlans,
          location,
        );
        if (violation) {
          failure = { skuId: license.skuId, error: violation.error };
          break;
        }
        const othersConsuming = this.consumedUnits(sku.skuId) - (heldBefore.has(sku.skuId) ? 1 : 0);
        if (!held.has(sku.skuId) && sku.prepaidUnits.enabled - othersConsuming <= 0) {
          failure = { skuId: license.skuId, error: 'CountViolation' };
          break;
        }
      }
      for (const license of group.appliedLicenses) {
        if (failure) {
          const error = license.skuId === failure.skuId ? failure.error : 'Other';
          states.push(this.state(previous, license, group.id, 'Error', error, nowIso));
        } else {
          states.push(this.state(previous, license, group.id, 'Active', 'None', nowIso));
          held.add(license.skuId);
        }
      }
      if (!failure) for (const plan of groupPlans) activePlans.add(plan);
    }
    for (const skuId of heldBefore) if (!held.has(skuId)) this.countSeat(skuId, -1);
    for (const skuId of held) if (!heldBefore.has(skuId)) this.countSeat(skuId, 1);
    if (this.lag && JSON.stringify(previous) !== JSON.stringify(states)) {
      this.lag.recordUser(user.id, previous, this.clock());
    }
    user.licenseAssignmentStates = states;
  }

  /** A state entry; keeps the previous timestamp when nothing changed for that source. */
  private state(
    previous: LicenseAssignmentState[],
    license: AssignedLicense,
    assignedByGroup: string | null,
    state: LicenseAssignmentState['state'],
    error: LicenseAssignmentState['error'],
    nowIso: string,
  ): LicenseAssignmentState {
    const before = previous.find((s) => s.skuId === license.skuId && s.assignedByGroup === assignedByGroup);
    const same =
      before !== undefined &&
      before.state === state &&
      before.error === error &&
      before.disabledPlans.join() === license.disabledPlans.join();
    return {
      skuId: license.skuId,
      disabledPlans: [...license.disabledPlans],
      assignedByGroup,
      state,
      error,
      lastUpdatedDateTime: same ? before.lastUpdatedDateTime : nowIso,
    };
  }
}

/** `assignedLicenses` from license states: active licenses from every source, one per SKU (enabled plans = union). */
function mergeActive(states: readonly LicenseAssignmentState[]): AssignedLicense[] {
  const bySku = new Map<string, Set<string>>();
  for (const state of states) {
    if (!isActive(state)) continue;
    const disabled = bySku.get(state.skuId);
    if (!disabled) bySku.set(state.skuId, new Set(state.disabledPlans));
    else for (const plan of [...disabled]) if (!state.disabledPlans.includes(plan)) disabled.delete(plan);
  }
  return [...bySku].map(([skuId, disabled]) => ({ disabledPlans: [...disabled], skuId }));
}
