import { backoffMs, classifyFailure, type FailureClass } from './retry-policy.js';

/** The request a decision is about, and how often its target was retried already. */
export interface Operation {
  kind: 'read' | 'write';
  /** Retries of this target after busy, ambiguous and transient answers so far. */
  faultRetries: number;
  /** Retries of this target after 429 so far. */
  throttleRetries: number;
}

/** What came back: an HTTP answer (status, Graph error, Retry-After), or nothing (`status` undefined). */
export interface Response {
  status?: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  /** The answer's Retry-After in ms, already parsed. */
  retryAfterMs?: number | undefined;
  /** Refused before reaching Graph (see FailureFacts.local). */
  local?: boolean | undefined;
}

export interface RetryLimits {
  maxRetries: number;
  maxThrottleRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Jitter source in [0, 1). */
  random: () => number;
}

export type NextAction =
  /** 2xx: go on with the stage. */
  | { action: 'accept' }
  /** 429: send the same request again after `delayMs` (the answer's Retry-After, else one backoff step). */
  | { action: 'wait'; delayMs: number; reason: string }
  /** Send the same request again after `delayMs` (nothing was applied, or it is a read). */
  | { action: 'retry'; delayMs: number; reason: string }
  /**
   * Re-read the target and plan again before any further write. `mayHaveLanded`: the write may have been applied
   * (verify); otherwise the object changed under us (busy).
   */
  | { action: 'reread'; delayMs: number; reason: string; mayHaveLanded: boolean }
  /** Give up on this target. `exhausted`: retries ran out (the error is ours, not Graph's). */
  | { action: 'fail'; failure: FailureClass; exhausted: boolean; reason: string };

function describe(response: Response): string {
  if (response.status === undefined) return response.code ?? 'no answer';
  return `${response.code ?? `HTTP${response.status}`} (HTTP ${response.status})`;
}

/** First extra wait of a read refused again (doubling with each further refusal, up to the backoff cap). */
const READ_SPREAD_BASE_MS = 100;

/**
 * The whole retry and verify logic: given the operation and what came back, what to do next. Pure (the jitter comes
 * from `limits.random`); the engine's stages carry the action out.
 */
export function nextAction(operation: Operation, response: Response, limits: RetryLimits): NextAction {
  const { status } = response;
  if (status !== undefined && status >= 200 && status < 300) return { action: 'accept' };
  const failure = classifyFailure(response);
  const what = describe(response);
  if (failure === 'final') return { action: 'fail', failure, exhausted: false, reason: what };
  if (failure === 'throttled') {
    const attempt = operation.throttleRetries + 1;
    if (attempt > limits.maxThrottleRetries) {
      return {
        action: 'fail',
        failure,
        exhausted: true,
        reason: `Still throttled after ${limits.maxThrottleRetries} retries.`,
      };
    }
    const wait =
      response.retryAfterMs ?? backoffMs(1, limits.backoffBaseMs, limits.backoffMaxMs, limits.random);
    // A read refused again: other runs of the app reopen the same bucket at the same moment and Graph charges the
    // refused requests too, so Retry-After alone can repeat forever; a growing random extra spreads the runs out.
    // (Writes have the write pacer for that.)
    const spread =
      operation.kind === 'read' && attempt > 1
        ? backoffMs(attempt - 1, READ_SPREAD_BASE_MS, limits.backoffMaxMs, limits.random)
        : 0;
    return { action: 'wait', delayMs: wait + spread, reason: what };
  }
  const attempt = operation.faultRetries + 1;
  if (attempt > limits.maxRetries) {
    return {
      action: 'fail',
      failure,
      exhausted: true,
      reason: `Gave up after ${limits.maxRetries} retries: ${what}`,
    };
  }
  const delayMs = Math.max(
    response.retryAfterMs ?? 0,
    backoffMs(attempt, limits.backoffBaseMs, limits.backoffMaxMs, limits.random),
  );
  if (operation.kind === 'read' || failure === 'transient') return { action: 'retry', delayMs, reason: what };
  if (failure === 'busy') {
    return { action: 'reread', delayMs, reason: `${what}; re-reading first`, mayHaveLanded: false };
  }
  return {
    action: 'reread',
    delayMs,
    reason: `${what}; the write may have been applied, re-reading first`,
    mayHaveLanded: true,
  };
}
