import { isWrite, type LoggedRequest } from './emulator.js';

export interface WriteCounts {
  /** Write requests that reached the emulator (direct assignLicense calls and write items of `$batch`). */
  writes: number;
  throttled: number;
  /** Writes answered 2xx. */
  succeeded: number;
}

export function countWrites(log: readonly LoggedRequest[]): WriteCounts {
  const writes = log.filter(isWrite);
  return {
    writes: writes.length,
    throttled: writes.filter((r) => r.status === 429).length,
    succeeded: writes.filter((r) => r.status >= 200 && r.status < 300).length,
  };
}
