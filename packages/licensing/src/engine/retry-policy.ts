import { parseRetryAfter } from '@entra-licensing/graph-client';

/**
 * The one failure policy of the package: what a failed Graph answer means for the request that got it.
 *
 * - `throttled`: 429. Nothing was applied; wait the answer's `Retry-After` and send it again.
 * - `busy`: `Directory_ConcurrencyViolation` (another write on the same object). Nothing was applied, but the object
 *   changed under us: re-read it before a write is sent again.
 * - `ambiguous`: the answer was lost or is a gateway error (500, 502, 504, 408, a reset, a missing `$batch` item).
 *   A write may have landed: re-read the target before retrying it. A read is simply sent again.
 * - `transient`: 503 Service Unavailable: Graph did not process the request; send it again after a backoff.
 * - `final`: every other refusal (400, 403, 404, 409, …): retrying cannot help.
 */
export type FailureClass = 'throttled' | 'busy' | 'ambiguous' | 'transient' | 'final';

export interface FailureFacts {
  /** HTTP status; undefined when no answer arrived (reset, timeout, DNS, missing `$batch` item). */
  status?: number | undefined;
  /** Graph's `error.code`. */
  code?: string | undefined;
  /** Graph's `error.message`. */
  message?: string | undefined;
  /** Refused before reaching Graph (a host not allowed, a bad option): sending it again cannot help. */
  local?: boolean | undefined;
}

export const CONCURRENCY_VIOLATION_CODE = 'Directory_ConcurrencyViolation';
/** What Graph really says with a concurrency violation (sometimes under another code, e.g. `Request_BadRequest`). */
export const CONCURRENCY_VIOLATION_MESSAGE =
  'Error due to concurrent requests being made to the tenant. Please wait briefly and retry.';

/** The part of that message that identifies it (Graph's punctuation and the sentence after it vary). */
const CONCURRENCY_VIOLATION_TEXT = 'error due to concurrent requests being made to the tenant';

function isConcurrencyViolation(code: string | undefined, message: string | undefined): boolean {
  if (code === CONCURRENCY_VIOLATION_CODE) return true;
  if (typeof message !== 'string') return false;
  return message.replace(/\s+/g, ' ').toLowerCase().includes(CONCURRENCY_VIOLATION_TEXT);
}

/** Classifies a failed answer (call it only for answers outside 2xx, or for no answer at all). */
export function classifyFailure(facts: FailureFacts): FailureClass {
  const { status, code, message } = facts;
  if (facts.local) return 'final';
  if (status === 429) return 'throttled';
  if (isConcurrencyViolation(code, message)) return 'busy';
  if (status === undefined || status === 408) return 'ambiguous';
  if (status === 503) return 'transient';
  if (status >= 500) return 'ambiguous';
  return 'final';
}

/** Full jitter between half and all of an exponential delay (`baseMs` doubling per attempt), capped at `maxMs`. */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return exponential * (0.5 + random() * 0.5);
}

/** `Retry-After` in ms (graph-client's parser: seconds, possibly fractional, or an HTTP date). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  const seconds = parseRetryAfter(value, now);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** `x-ms-throttle-limit-percentage` as a fraction of the limit used (Graph sends it above 0.8), if given. */
export function limitPercentage(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : undefined;
}
