import { graphErrors } from '../errors/graph-errors.js';
import { evaluateLicenseStates, isActive, mergeActive } from './license-evaluation.js';
import type { LicenseRules } from './license-rules.js';
import {
  type AssignLicenseInput,
  validateLicenseLists,
  validateUserAssignment,
} from './license-validation.js';
import { type ProcessingJob, ProcessingQueue, type ProcessingState } from './processing-queue.js';
import { type GroupLicenseVersion, ReplicationLag } from './replication.js';
import type {
  App,
  AssignedLicense,
  Group,
  LicenseAssignmentState,
  ServicePlan,
  Sku,
  Subscription,
  Tenant,
  User,
} from './types.js';

export type { AssignLicenseInput } from './license-validation.js';
export type { ProcessingState } from './processing-queue.js';

/** Everything a directory starts from (a resolved seed); never mutated. */
export interface DirectorySnapshot {
  tenant: Tenant;
  apps: App[];
  skus: Sku[];
  users: User[];
  groups: Group[];
  subscriptions: Subscription[];
  rules: LicenseRules;
}

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
  readonly subscriptions: Subscription[];
  /** Bumped when a SKU's plans change (answers cached on SKUs check it). */
  revision = 0;
  private readonly usersByUpn = new Map<string, User>();
  private readonly rules: LicenseRules;
  private readonly consumed = new Map<string, number>();
  /** Group id → member ids, for constant-time membership checks on large tenants. */
  private readonly memberSets = new Map<string, Set<string>>();
  /** User id → ids of the groups the user is a direct member of (large tenants: no scan of every group). */
  private readonly groupsOfUser = new Map<string, Set<string>>();
  /** Group id → its position in creation order: group-based licensing evaluates a user's groups in this order. */
  private readonly groupOrder = new Map<string, number>();
  /** User id → position in creation order (lists answer users in this order). */
  private readonly userOrder = new Map<string, number>();
  /** Group id → users holding a license state from the group (latest state), for re-processing and errors. */
  private readonly pathHolders = new Map<string, Set<string>>();
  /** Group id → users whose state from the group is `Error` (latest state). */
  private readonly errorMembers = new Map<string, Set<string>>();
  private readonly queue: ProcessingQueue;
  /** Set under a replication delay: reads of license state lag behind writes. */
  private lag: ReplicationLag | null = null;

  constructor(
    snapshot: DirectorySnapshot,
    private readonly clock: () => number,
    processingDelayMs: number,
    replicationDelayMs = 0,
  ) {
    this.queue = new ProcessingQueue(processingDelayMs);
    const copy = structuredClone(snapshot);
    this.tenant = copy.tenant;
    this.apps = copy.apps;
    this.subscriptions = copy.subscriptions;
    this.rules = snapshot.rules;
    for (const sku of copy.skus) this.skus.set(sku.skuId, sku);
    for (const user of copy.users) {
      this.users.set(user.id, user);
      this.userOrder.set(user.id, this.userOrder.size);
      this.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
      for (const state of user.licenseAssignmentStates) if (isActive(state)) this.countSeat(state.skuId, 1);
      this.indexStates(user.id, [], user.licenseAssignmentStates);
    }
    for (const group of copy.groups) {
      this.groups.set(group.id, group);
      this.groupOrder.set(group.id, this.groupOrder.size);
      this.memberSets.set(group.id, new Set(group.memberIds));
      for (const userId of group.memberIds) this.linkMember(group.id, userId, true);
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
    return this.queue.state(version.pendingSince, now - (this.lag?.delayMs ?? 0));
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

  /**
   * Microsoft adds a service plan to a product: it is on for every holder whose paths do not list it in
   * `disabledPlans` (a deny-list), so groups that disable other plans now give it to their members.
   */
  addServicePlan(sku: Sku, plan: ServicePlan): void {
    sku.servicePlans = [...sku.servicePlans, { ...plan }];
    this.revision++;
  }

  // ---------------------------------------------------------------- group-based licensing

  /** Applies every processing job that is due. */
  advance(now = this.clock()): void {
    const due = this.queue.takeDue(now);
    if (due.length === 0) return;
    if (this.lag) for (const job of due) this.recordGroup(job.groupId, now, job);
    for (const job of due) this.runJob(job);
  }

  processingState(group: Group, now = this.clock()): ProcessingState | null {
    if (!group.everLicensed) return null;
    return this.queue.state(this.queue.pendingSince(group.id), now);
  }

  /** Validates and applies a group's assignLicense (Graph answers 202 before members are processed). */
  assignGroupLicenses(group: Group, input: AssignLicenseInput): void {
    if (!group.securityEnabled) {
      throw graphErrors.badRequest(
        `License assignment is not supported for group '${group.id}': only security groups and Microsoft 365 groups with securityEnabled set to true can be assigned licenses.`,
      );
    }
    validateLicenseLists(this.skus, input, 'group');
    const assigned = new Set(group.assignedLicenses.map((l) => l.skuId));
    for (const skuId of input.removeLicenses) {
      if (!assigned.has(skuId))
        throw graphErrors.badRequest(`License ${skuId} is not assigned to the group '${group.id}'.`);
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
      throw graphErrors.badRequest(
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
    }
    group.memberIds.push(user.id);
    this.memberSet(group).add(user.id);
    this.linkMember(group.id, user.id, true);
    if (group.everLicensed) this.schedule(group.id, [user.id]);
  }

  /** Returns false when the user was not a member. */
  removeMember(group: Group, user: User): boolean {
    const index = group.memberIds.indexOf(user.id);
    if (index < 0) return false;
    group.memberIds.splice(index, 1);
    this.memberSet(group).delete(user.id);
    this.linkMember(group.id, user.id, false);
    if (group.everLicensed) this.schedule(group.id, [user.id]);
    return true;
  }

  /** Users whose license state from this group is `Error`, in creation order (as a read sees them). */
  membersWithLicenseErrors(group: Group): User[] {
    if (this.lag) {
      // Lagging reads: look at each user's states as the replica sees them.
      return this.listUsers().filter((user) =>
        this.readUserStates(user).some((s) => s.assignedByGroup === group.id && s.state === 'Error'),
      );
    }
    return this.usersInOrder(this.errorMembers.get(group.id));
  }

  hasMembersWithLicenseErrors(group: Group): boolean {
    if (this.lag) return this.membersWithLicenseErrors(group).length > 0;
    return (this.errorMembers.get(group.id)?.size ?? 0) > 0;
  }

  // ---------------------------------------------------------------- direct (user) licensing

  /** Validates and applies a user's assignLicense; Graph answers it synchronously (200 or 400). */
  assignUserLicenses(user: User, input: AssignLicenseInput): void {
    validateUserAssignment(input, user, {
      skus: this.skus,
      rules: this.rules,
      availableUnits: (skuId) => this.availableUnits(skuId),
    });
    const changing = new Set([...input.removeLicenses, ...input.addLicenses.map((l) => l.skuId)]);
    const direct = user.directLicenses.filter((l) => !changing.has(l.skuId));
    for (const add of input.addLicenses)
      direct.push({ skuId: add.skuId, disabledPlans: [...add.disabledPlans] });
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

  /** Queues processing for a group (all members, or some), then applies whatever is due. */
  private schedule(groupId: string, userIds: string[] | null): void {
    const now = this.clock();
    if (this.lag && userIds !== null) this.recordGroup(groupId, now);
    this.queue.schedule(groupId, userIds, now);
    this.advance(now);
  }

  private runJob(job: ProcessingJob): void {
    const group = this.groups.get(job.groupId);
    if (!group) return;
    let affected: string[];
    if (job.userIds === null) {
      group.appliedLicenses = structuredClone(group.assignedLicenses);
      const holders = this.pathHolders.get(group.id) ?? new Set<string>();
      affected = [...new Set([...group.memberIds, ...holders])];
    } else {
      affected = job.userIds;
    }
    for (const id of affected) {
      const user = this.users.get(id);
      if (user) this.evaluateUser(user);
    }
  }

  /** Keeps a group's licensing as it is now (with `running`, a due job, still pending), for lagging reads. */
  private recordGroup(groupId: string, now: number, running?: ProcessingJob): void {
    const group = this.groups.get(groupId);
    if (!group || !this.lag) return;
    const queued = this.queue.pendingSince(groupId);
    const pendingSince =
      running === undefined ? queued : Math.min(queued ?? Number.POSITIVE_INFINITY, running.createdAt);
    const version: GroupLicenseVersion = {
      assignedLicenses: group.assignedLicenses,
      everLicensed: group.everLicensed,
      pendingSince,
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
    for (const id of this.groupsOfUser.get(user.id) ?? []) {
      const group = this.groups.get(id);
      if (group && group.appliedLicenses.length > 0) result.push(group);
    }
    return result.sort((a, b) => (this.groupOrder.get(a.id) ?? 0) - (this.groupOrder.get(b.id) ?? 0));
  }

  private linkMember(groupId: string, userId: string, member: boolean): void {
    let groups = this.groupsOfUser.get(userId);
    if (!groups) {
      groups = new Set();
      this.groupsOfUser.set(userId, groups);
    }
    if (member) groups.add(groupId);
    else groups.delete(groupId);
  }

  /** Keeps the per-group indexes (holders, members in error) in step with a user's new states. */
  private indexStates(
    userId: string,
    previous: readonly LicenseAssignmentState[],
    states: readonly LicenseAssignmentState[],
  ): void {
    for (const state of previous) {
      if (state.assignedByGroup === null) continue;
      this.pathHolders.get(state.assignedByGroup)?.delete(userId);
      this.errorMembers.get(state.assignedByGroup)?.delete(userId);
    }
    for (const state of states) {
      if (state.assignedByGroup === null) continue;
      addTo(this.pathHolders, state.assignedByGroup, userId);
      if (state.state === 'Error') addTo(this.errorMembers, state.assignedByGroup, userId);
    }
  }

  private usersInOrder(ids: ReadonlySet<string> | undefined): User[] {
    if (!ids) return [];
    return [...ids]
      .map((id) => this.users.get(id))
      .filter((u): u is User => u !== undefined)
      .sort((a, b) => (this.userOrder.get(a.id) ?? 0) - (this.userOrder.get(b.id) ?? 0));
  }

  /** Recomputes a user's license states and moves seats accordingly. */
  private evaluateUser(user: User): void {
    const previous = user.licenseAssignmentStates;
    const states = evaluateLicenseStates({
      user,
      groups: this.groupsOf(user),
      skus: this.skus,
      rules: this.rules,
      tenantCountry: this.tenant.countryLetterCode,
      consumedUnits: (skuId) => this.consumedUnits(skuId),
      now: this.clock(),
    });
    const heldBefore = new Set(previous.filter(isActive).map((s) => s.skuId));
    const held = new Set(states.filter(isActive).map((s) => s.skuId));
    for (const skuId of heldBefore) if (!held.has(skuId)) this.countSeat(skuId, -1);
    for (const skuId of held) if (!heldBefore.has(skuId)) this.countSeat(skuId, 1);
    if (this.lag && JSON.stringify(previous) !== JSON.stringify(states)) {
      this.lag.recordUser(user.id, previous, this.clock());
    }
    this.indexStates(user.id, previous, states);
    user.licenseAssignmentStates = states;
  }
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}
