import { SignalPacer } from './signal-pacer.js';
import type { WritePacer, WritePacingChoice } from './write-pacing.js';

/** The pacer a run uses when the caller does not choose. */
export const DEFAULT_PACING: Exclude<WritePacingChoice, false> = 'signal';

/**
 * The write pacer of a run: the one `withPacer` attached to its options (a benchmark's comparison), else the bulk
 * option `pacing` (`true` or undefined: the signal pacer; `false`: none, only each 429's Retry-After is honoured).
 */
export function choosePacer(
  choice: WritePacingChoice | boolean | undefined,
  custom?: () => WritePacer,
): WritePacer | undefined {
  if (custom) return custom();
  if (choice === false) return undefined;
  return new SignalPacer();
}
