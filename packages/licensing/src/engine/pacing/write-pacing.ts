/**
 * The contract between the write engine and a write pacer: the engine asks the pacer how many writes it may send
 * now, tells it what it sent, and hands it every signal Graph gave in the answer. A pacer keeps no state shared
 * between processes: what it learns comes from Graph's own answers, which are the tenant's.
 *
 * The product has one pacer: the signal pacer (learns the scope's rate from Retry-After, x-ms-throttle-scope and
 * x-ms-throttle-limit-percentage). Another one (the benchmark's legacy pacer, 0.1's in-flight cap) is plugged in
 * through `withPacer` of `@entra-licensing/licensing/pacing`.
 */

/** What one answer (a `$batch` response or a single write's response) told about the writes it carried. */
export interface WriteAnswerSignal {
  /** When the answer arrived, on the same clock as the `now` passed to {@link WritePacer.grant}. */
  readonly at: number;
  /** When the request this answer belongs to was sent (same clock), for round-trip estimates. */
  readonly sentAt?: number;
  /** Writes of this answer that Graph did not throttle (accepted, or refused for another reason). */
  readonly unthrottled: number;
  /** Writes of this answer that Graph answered 429. */
  readonly throttled: number;
  /** The longest `Retry-After` among the throttled writes, in ms. */
  readonly retryAfterMs?: number;
  /** The `x-ms-throttle-scope` values of the throttled writes (e.g. `Tenant_Application/Write/<app>/<tenant>`). */
  readonly scopes: readonly string[];
  /**
   * The highest `x-ms-throttle-limit-percentage` among the unthrottled writes, as Graph sends it (a fraction such as
   * `0.85`; Graph sends it only above 0.8 of a limit).
   */
  readonly limitPercentage?: number;
}

export interface WriteGrant {
  /** How many writes may be sent now (0 when none may). */
  readonly writes: number;
  /** When none may: the earliest time worth asking again (same clock). */
  readonly retryAt: number;
}

export interface WritePacer {
  /** How many of `wanted` writes may be sent at `now`. */
  grant(now: number, wanted: number): WriteGrant;
  /** `writes` writes were sent at `now` (they are in flight until their answer is reported). */
  onSent(now: number, writes: number): void;
  /** The answer to writes sent earlier. */
  onAnswer(signal: WriteAnswerSignal): void;
}

/** Which pacer a bulk run uses: `'signal'` (the default), or `false` (none). */
export type WritePacingChoice = 'signal' | false;
