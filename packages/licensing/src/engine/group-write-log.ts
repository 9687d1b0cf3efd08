/** A group write that was accepted: when, and what it asked for (to recognise its effect in a later read). */
export interface GroupWrite {
  at: number;
  body: {
    addLicenses: readonly { skuId: string; disabledPlans: readonly string[] }[];
    removeLicenses: readonly string[];
  };
}

/**
 * The `assignLicense` calls on groups that Graph accepted, the last one per group. A service keeps one for its runs,
 * so that waiting for a group's processing knows which write to look for; it travels on each run's context.
 */
export class GroupWriteLog {
  private readonly writes = new Map<string, GroupWrite>();

  note(groupId: string, body: GroupWrite['body'], at = Date.now()): void {
    this.writes.set(groupId.toLowerCase(), { at, body });
  }

  last(groupId: string): GroupWrite | undefined {
    return this.writes.get(groupId.toLowerCase());
  }
}
