import { type BatchRequest, type BatchResponse, sendBatch } from './batch-transport.js';
import { graphFacts } from './errors.js';
import type { Job, Op, Outcome, Step } from './job.js';
import { type NextAction, nextAction, type Response } from './next-action.js';
import { InFlightWindow, type WindowAnswer } from './pacing/in-flight-window.js';
import type { WritePacer } from './pacing/write-pacing.js';
import { onReadAnswer, onReadRefused } from './read-targets.js';
import { limitPercentage, retryAfterMs } from './retry-policy.js';
import type { RunContext } from './run-context.js';
import { RETRY_AFTER_MARGIN_MS, scopeLimits, type ThrottleScopes } from './throttle-scopes.js';
import { rereadBeforeRetry } from './verify.js';
import { onWriteAccepted, onWriteRefused, writeSignal } from './write-stage.js';

/** Queued requests of one class, oldest first. */
class Lane {
  private ops: Op[] = [];
  push(op: Op, front = false): void {
    if (front) this.ops.unshift(op);
    else this.ops.push(op);
  }
  /** Removes and returns up to `max` requests ready at `now` (dropping those of finished jobs). */
  take(now: number, max: number): Op[] {
    if (max < 1 || this.ops.length === 0) return [];
    const picked: Op[] = [];
    const kept: Op[] = [];
    for (const op of this.ops) {
      if (op.job.outcome) continue;
      if (picked.length < max && op.notBefore <= now) picked.push(op);
      else kept.push(op);
    }
    this.ops = kept;
    return picked;
  }
  /** Ready at `now` (live jobs only). */
  readyCount(now: number, max: number): number {
    let n = 0;
    for (const op of this.ops) {
      if (!op.job.outcome && op.notBefore <= now && ++n >= max) break;
    }
    return n;
  }
  earliest(): number {
    let at = Number.POSITIVE_INFINITY;
    for (const op of this.ops) if (!op.job.outcome && op.notBefore < at) at = op.notBefore;
    return at;
  }
}

/** A reported level (fraction of the bucket used) at which reads slow down as if refused. */
const NEARLY_EMPTY = 0.9;

/**
 * What one `$batch` answer tells the read window: its reads, how many were accepted, and whether reads' bucket is
 * empty. A `$batch` that failed as a whole (`failedStatus`, no answers) stands for the same answer to each request.
 */
function readSignal(
  ops: readonly Op[],
  answers: readonly (BatchResponse | undefined)[],
  sentAt: number,
  at: number,
  failedStatus?: number,
): WindowAnswer {
  let reads = 0;
  let accepted = 0;
  let emptied = false;
  let levelReported = false;
  ops.forEach((op, i) => {
    const answer = answers[i];
    const answered = answer !== undefined || failedStatus !== undefined;
    const throttled = (answer ? answer.status : failedStatus) === 429;
    if (throttled && scopeLimits(answer?.headers['x-ms-throttle-scope'], 'read')) emptied = true;
    if (op.kind !== 'read') return;
    reads += 1;
    if (!answered || throttled) return;
    accepted += 1;
    const level = limitPercentage(answer?.headers['x-ms-throttle-limit-percentage']);
    if (level === undefined) return;
    levelReported = true;
    // Nearly empty: slow down before the 429s (each of which Graph charges too).
    if (level >= NEARLY_EMPTY) emptied = true;
  });
  return { sentAt, at, answered: reads, accepted, emptied, levelReported };
}

/**
 * Sends the jobs' requests through `$batch` with bounded concurrency and hands every answer, through the decision
 * function, to the stage it belongs to. No request is sent into a throttle scope before the Retry-After of its 429
 * has passed (a scope-less 429 closes every scope); writes are, in addition, admitted only through the write pacer,
 * which is told every answer's signals, and reads through the read window (halved when their bucket runs empty).
 * Writes go first in a batch (the write quota is the scarce one), then the reads that unlock writes (members, group
 * names), then target reads.
 */
export class Dispatcher {
  private readonly writes = new Lane();
  private readonly followReads = new Lane();
  private readonly targetReads = new Lane();
  /** Every scope a 429 closed, until its Retry-After: Graph's instruction, honoured with or without a pacer. */
  private readonly scopes: ThrottleScopes;
  /** Reads in flight, halved when the reads' bucket runs empty (Graph charges refused requests too). */
  private readonly reads: InFlightWindow;
  private inFlight = 0;
  private unfinished: number;
  private wake: (() => void) | undefined;

  constructor(
    private readonly run: RunContext,
    private readonly jobs: readonly Job[],
    private readonly pacer: WritePacer | undefined,
    private readonly finish: (job: Job, outcome: Outcome) => void,
  ) {
    this.unfinished = jobs.length;
    this.scopes = run.scopes;
    this.reads = new InFlightWindow(run.settings.concurrency * run.settings.batchSize);
  }

  enqueue(op: Op, front = false): void {
    const lane =
      op.kind === 'write' ? this.writes : op.stage === 'read' ? this.targetReads : this.followReads;
    lane.push(op, front);
  }

  async drain(): Promise<void> {
    while (this.unfinished > 0) {
      const now = Date.now();
      while (this.inFlight < this.run.settings.concurrency) {
        const ops = this.takeReady(now);
        if (ops.length === 0) break;
        this.inFlight += 1;
        void this.send(ops).finally(() => {
          this.inFlight -= 1;
          this.notify();
        });
      }
      if (this.unfinished === 0) break;
      const next = this.nextTime(Date.now());
      const waitMs =
        this.inFlight < this.run.settings.concurrency && Number.isFinite(next)
          ? Math.max(0, next - Date.now())
          : undefined;
      if (this.inFlight === 0 && waitMs === undefined) {
        for (const job of this.jobs) {
          if (!job.outcome) {
            this.end(job, {
              status: 'failed',
              error: { code: 'InternalError', message: 'The bulk run lost track of this target.' },
            });
          }
        }
        break;
      }
      await new Promise<void>((resolve) => {
        const timer = waitMs === undefined ? undefined : setTimeout(resolve, waitMs);
        this.wake = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private end(job: Job, outcome: Outcome): void {
    if (job.outcome) return;
    this.unfinished -= 1;
    this.finish(job, outcome);
  }

  private takeReady(now: number): Op[] {
    const size = this.run.settings.batchSize;
    const picked: Op[] = [];
    const wanted = this.scopes.openAt('write') <= now ? this.writes.readyCount(now, size) : 0;
    if (wanted > 0) {
      const granted = this.pacer ? this.pacer.grant(now, wanted).writes : wanted;
      picked.push(...this.writes.take(now, Math.min(wanted, granted)));
    }
    if (this.scopes.openAt('read') <= now) {
      const writes = picked.length;
      const room = () => Math.min(size - picked.length, this.reads.room() - (picked.length - writes));
      picked.push(...this.followReads.take(now, room()));
      picked.push(...this.targetReads.take(now, room()));
    }
    return picked;
  }

  private nextTime(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    const writeAt = this.writes.earliest();
    if (Number.isFinite(writeAt)) {
      const at = Math.max(writeAt, this.scopes.openAt('write'));
      const gate = this.pacer ? this.pacer.grant(Math.max(now, at), 1) : undefined;
      next = Math.min(next, gate && gate.writes < 1 ? Math.max(at, gate.retryAt) : at);
    }
    // With the read window full, the next answer wakes the loop.
    const readAt =
      this.reads.room() > 0
        ? Math.min(this.followReads.earliest(), this.targetReads.earliest())
        : Number.POSITIVE_INFINITY;
    if (Number.isFinite(readAt)) next = Math.min(next, Math.max(readAt, this.scopes.openAt('read')));
    return next;
  }

  private async send(ops: Op[]): Promise<void> {
    const { stats } = this.run;
    const requests: BatchRequest[] = ops.map((op, i) => ({
      id: String(i + 1),
      method: op.method,
      url: op.url,
      ...(op.body === undefined ? {} : { body: op.body }),
    }));
    stats.batches += 1;
    stats.requests += ops.length;
    const writes = ops.filter((op) => op.kind === 'write').length;
    stats.writes += writes;
    for (const op of ops) op.job.requests += 1;
    const sentAt = Date.now();
    this.pacer?.onSent(sentAt, writes);
    const reads = ops.length - writes;
    this.reads.onSent(reads);
    let responses: BatchResponse[];
    try {
      responses = await sendBatch(this.run.client, requests);
    } catch (error) {
      const e = error as {
        kind?: string;
        status?: number;
        code?: string;
        message?: string;
        retryAfterSeconds?: number;
      };
      const answer: Response = {
        status: e.status,
        local: e.kind === 'refused',
        code: e.code,
        message: e.message,
        ...(e.retryAfterSeconds === undefined ? {} : { retryAfterMs: e.retryAfterSeconds * 1000 }),
      };
      const signal = writeSignal(
        ops,
        [],
        Date.now(),
        { status: e.status, retryAfterMs: answer.retryAfterMs },
        sentAt,
      );
      if (signal) this.pacer?.onAnswer(signal);
      this.reads.onAnswer(readSignal(ops, [], sentAt, Date.now(), e.status ?? 0));
      for (const op of ops) this.answer(op, answer, undefined, error);
      return;
    }
    const byId = new Map(responses.map((r) => [r.id, r]));
    const answers = ops.map((_, i) => byId.get(String(i + 1)));
    const signal = writeSignal(ops, answers, Date.now(), undefined, sentAt);
    if (signal) this.pacer?.onAnswer(signal);
    this.reads.onAnswer(readSignal(ops, answers, sentAt, Date.now()));
    ops.forEach((op, i) => {
      const response = answers[i];
      if (!response) {
        this.answer(op, { code: 'MissingBatchResponse', message: 'The $batch answer lacked this request.' });
        return;
      }
      const facts = graphFacts(response);
      this.answer(
        op,
        {
          status: response.status,
          code: facts.code,
          message: facts.message,
          retryAfterMs: retryAfterMs(response.headers['retry-after']),
        },
        response,
      );
    });
  }

  /** One request's answer: the decision function says what it means, the stage carries it out. */
  private answer(op: Op, answer: Response, response?: BatchResponse, cause?: unknown): void {
    const { job } = op;
    if (job.outcome) return;
    const decision = nextAction(
      { kind: op.kind, faultRetries: job.faultRetries, throttleRetries: job.throttleRetries },
      answer,
      this.run.limits,
    );
    this.apply(op, this.carryOut(op, decision, response, cause));
  }

  private carryOut(op: Op, decision: NextAction, response: BatchResponse | undefined, cause: unknown): Step {
    const { job } = op;
    const { stats, emit } = this.run;
    const now = Date.now();
    switch (decision.action) {
      case 'accept':
        if (op.handler) return op.handler.accepted(this.run, op, response as BatchResponse);
        return op.kind === 'read'
          ? onReadAnswer(this.run, op, response as BatchResponse)
          : onWriteAccepted(this.run, op);
      case 'wait': {
        stats.throttled += 1;
        job.throttleRetries += 1;
        const scope = response?.headers['x-ms-throttle-scope'];
        this.scopes.close(scope, decision.delayMs, now);
        emit({ type: 'throttled', scope: scope ?? '*', retryAfterMs: decision.delayMs });
        this.enqueue({ ...op, notBefore: now + decision.delayMs + RETRY_AFTER_MARGIN_MS }, true);
        return { ops: [] };
      }
      case 'retry':
      case 'reread': {
        job.faultRetries += 1;
        stats.retries += 1;
        emit({
          type: 'retry',
          target: job.target,
          reason: decision.reason,
          attempt: job.faultRetries,
          delayMs: decision.delayMs,
        });
        if (decision.action === 'retry') return { ops: [{ ...op, notBefore: now + decision.delayMs }] };
        if (op.handler)
          return op.handler.reread(this.run, op, decision.mayHaveLanded, now + decision.delayMs);
        return rereadBeforeRetry(this.run, op, decision.mayHaveLanded, now + decision.delayMs);
      }
      case 'fail': {
        if (decision.exhausted) {
          const throttled = decision.failure === 'throttled';
          const error = throttled
            ? { code: 'TooManyRequests', message: decision.reason, status: 429 }
            : { code: 'RETRIES_EXHAUSTED', message: decision.reason };
          return { outcome: { status: 'failed', error, reason: decision.reason } };
        }
        if (op.handler) return op.handler.refused(this.run, op, response, cause);
        return op.kind === 'read'
          ? onReadRefused(this.run, op, response, cause)
          : onWriteRefused(this.run, op, response, cause);
      }
    }
  }

  private apply(op: Op, step: Step): void {
    if ('outcome' in step) this.end(op.job, step.outcome);
    else for (const next of step.ops) this.enqueue(next);
  }
}
