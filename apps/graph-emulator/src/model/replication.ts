import type { AssignedLicense, LicenseAssignmentState } from './types.js';

/** What a lagging read sees of a group's licensing: its licenses and whether processing was pending (since when). */
export interface GroupLicenseVersion {
  assignedLicenses: AssignedLicense[];
  everLicensed: boolean;
  /** When the oldest pending processing job was queued; null = processing complete. */
  pendingSince: number | null;
}

interface Superseded<T> {
  /** When this value stopped being current (epoch ms). */
  until: number;
  value: T;
}

/** Superseded values of one kind of object, by id: enough to answer "what was current `delayMs` ago". */
class History<T> {
  private readonly entries = new Map<string, Superseded<T>[]>();

  record(id: string, previous: T, until: number, horizon: number): void {
    let list = this.entries.get(id);
    if (!list) {
      list = [];
      this.entries.set(id, list);
    }
    // Drop what no read can see any more (superseded before the horizon), then keep the new one.
    while (list.length > 0 && list[0]!.until <= horizon) list.shift();
    list.push({ until, value: previous });
  }

  /** The value current at `at`, if it was superseded since (undefined: the current value was already current). */
  at(id: string, at: number): T | undefined {
    const list = this.entries.get(id);
    if (!list) return undefined;
    for (const entry of list) if (entry.until > at) return entry.value;
    return undefined;
  }
}

/**
 * Entra's replication delay: reads may be served by a replica that has not seen the latest writes yet. Under a
 * delay, a read of a user's or group's license state sees the state as it was `delayMs` ago.
 */
export class ReplicationLag {
  private readonly users = new History<LicenseAssignmentState[]>();
  private readonly groups = new History<GroupLicenseVersion>();

  constructor(readonly delayMs: number) {}

  recordUser(userId: string, previous: LicenseAssignmentState[], now: number): void {
    this.users.record(userId, previous, now, now - this.delayMs);
  }

  recordGroup(groupId: string, previous: GroupLicenseVersion, now: number): void {
    this.groups.record(groupId, previous, now, now - this.delayMs);
  }

  userStates(userId: string, now: number): LicenseAssignmentState[] | undefined {
    return this.users.at(userId, now - this.delayMs);
  }

  group(groupId: string, now: number): GroupLicenseVersion | undefined {
    return this.groups.at(groupId, now - this.delayMs);
  }
}
