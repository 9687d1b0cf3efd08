import type { RequestLogEntry } from '@entra-licensing/graph-emulator';

export interface WriteCounts {
  /** Write requests that reached the emulator (direct assignLicense calls and write items of `$batch`). */
  writes: number;
  throttled: number;
  /** Writes answered 2xx. */
  succeeded: number;
}

export function countWrites(log: readonly RequestLogEntry[]): WriteCounts {
  // A write counts against write quotas: a direct assignLicense or a write item of a `$batch`.
  const writes = log.filter((r) => r.write);
  return {
    writes: writes.length,
    throttled: writes.filter((r) => r.status === 429).length,
    succeeded: writes.filter((r) => r.status >= 200 && r.status < 300).length,
  };
}
