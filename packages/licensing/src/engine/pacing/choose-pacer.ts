import { LegacyPacer } from './legacy-pacer.js';
import { SignalPacer } from './signal-pacer.js';
import type { WritePacer, WritePacingChoice } from './write-pacing.js';

/** The pacer a run uses when the caller does not choose. */
export const DEFAULT_PACING: Exclude<WritePacingChoice, false> = 'signal';

/** The write pacer for a bulk option `pacing` (`true` or undefined: the default; `false`: none). */
export function choosePacer(choice: WritePacingChoice | boolean | undefined): WritePacer | undefined {
  if (choice === false) return undefined;
  const pacing = choice === true || choice === undefined ? DEFAULT_PACING : choice;
  switch (pacing) {
    case 'legacy':
      return new LegacyPacer();
    case 'signal':
      return new SignalPacer();
  }
}
