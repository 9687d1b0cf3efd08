/** Entra's asynchronous group-based licensing: the queue of groups (or some of their members) waiting to be processed. */

export type ProcessingState = 'QueuedForProcessing' | 'ProcessingInProgress' | 'ProcessingComplete';

export interface ProcessingJob {
  groupId: string;
  /** null: the whole group (its license configuration changed). */
  userIds: string[] | null;
  createdAt: number;
  dueAt: number;
}

export class ProcessingQueue {
  private jobs: ProcessingJob[] = [];
  private nextDue = Number.POSITIVE_INFINITY;

  constructor(readonly delayMs: number) {}

  /** Removes and returns the jobs due at `now` (cheap when none is). */
  takeDue(now: number): ProcessingJob[] {
    if (this.jobs.length === 0 || this.nextDue > now) return [];
    const due = this.jobs.filter((j) => j.dueAt <= now);
    this.jobs = this.jobs.filter((j) => j.dueAt > now);
    this.nextDue = this.jobs.reduce((min, j) => Math.min(min, j.dueAt), Number.POSITIVE_INFINITY);
    return due;
  }

  /**
   * Queues processing for a group (all members, or some). A job still pending for the group absorbs the new
   * work: it applies the group's configuration as it is when it runs, as Entra processes the latest state.
   */
  schedule(groupId: string, userIds: string[] | null, now: number): void {
    const pending = this.jobs.filter((j) => j.groupId === groupId);
    const pendingAll = pending.find((j) => j.userIds === null);
    const pendingSome = pending.find((j) => j.userIds !== null);
    if (pendingAll) return; // already covers every member
    if (userIds !== null && pendingSome?.userIds) {
      for (const id of userIds) if (!pendingSome.userIds.includes(id)) pendingSome.userIds.push(id);
      return;
    }
    if (userIds === null) this.jobs = this.jobs.filter((j) => j.groupId !== groupId);
    const dueAt = now + this.delayMs;
    this.jobs.push({ groupId, userIds, createdAt: pendingSome?.createdAt ?? now, dueAt });
    this.nextDue = Math.min(this.nextDue, dueAt);
  }

  /** When the oldest pending job of a group was queued; null when none is pending. */
  pendingSince(groupId: string): number | null {
    let since: number | null = null;
    for (const job of this.jobs) {
      if (job.groupId === groupId && (since === null || job.createdAt < since)) since = job.createdAt;
    }
    return since;
  }

  /** `licenseProcessingState` of a licensed group: queued for the first half of the delay, then in progress. */
  state(pendingSince: number | null, now: number): ProcessingState {
    if (pendingSince === null) return 'ProcessingComplete';
    return now - pendingSince < this.delayMs / 2 ? 'QueuedForProcessing' : 'ProcessingInProgress';
  }
}
