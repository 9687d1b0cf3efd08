import type { FetchLike, GraphError } from '@entra-licensing/graph-client';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';
import { formatProblem } from './problems.js';

interface RunIo {
  exit?: (code: number) => void;
  signals?: { on(event: 'SIGINT', listener: () => void): unknown };
}

interface RunOptions {
  timeout?: unknown;
  verbose?: unknown;
  debug?: unknown;
  json?: unknown;
}

const DEBUG_HEADERS = [
  'request-id',
  'client-request-id',
  'retry-after',
  'x-ms-throttle-limit-percentage',
  'x-ms-throttle-scope',
  'x-ms-resource-unit',
];

/**
 * What a run may take and how it ends early: the run's deadline (`--timeout`), Ctrl-C (writes in flight finish,
 * no new request is sent; a second Ctrl-C stops at once), and the request log of `--verbose` / `--debug`.
 */
export class RunControl {
  private deadlineAt: number | undefined;
  private timeoutSeconds: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private level: 0 | 1 | 2 = 0;
  private writing = false;
  /** Ctrl-C was pressed during the writes: no new request is sent. */
  interrupted = false;
  /** Called with each request's headers before it is sent (`doctor` reads its token's claims; nothing is kept). */
  private readonly requestObservers: ((headers: Headers) => void)[] = [];

  constructor(
    private readonly output: Output,
    private readonly io: RunIo,
  ) {
    io.signals?.on('SIGINT', () => this.onInterrupt());
  }

  configure(options: RunOptions): void {
    if (typeof options.timeout === 'number') {
      this.timeoutSeconds = options.timeout;
      this.deadlineAt = Date.now() + options.timeout * 1000;
    }
    this.level = options.debug ? 2 : options.verbose ? 1 : 0;
  }

  /** Time left before the run's deadline, or `fallbackMs` when the run has none. */
  remainingMs(fallbackMs: number): number {
    if (this.deadlineAt === undefined) return fallbackMs;
    return Math.max(1, Math.min(fallbackMs, this.deadlineAt - Date.now()));
  }

  /** The command, ended with exit 1 and a message when it outlives `--timeout`. */
  race(action: Promise<number>): Promise<number> {
    if (this.deadlineAt === undefined) return action;
    const seconds = this.timeoutSeconds;
    const expired = new Promise<number>((resolve) => {
      this.timer = setTimeout(
        () => {
          this.output.err(
            formatProblem(
              {
                code: 'RUN_TIMEOUT',
                field: '--timeout',
                value: seconds,
                message: `the run did not finish within ${seconds} s and was stopped. Writes already answered stay made; plan again to see where things are.`,
              },
              this.output.errColor,
            ),
          );
          this.io.exit?.(EXIT.error);
          resolve(EXIT.error);
        },
        Math.max(0, this.deadlineAt ?? 0) - Date.now(),
      );
    });
    return Promise.race([action, expired]);
  }

  /** Between these, Ctrl-C lets the writes in flight finish instead of stopping the process. */
  beginWrites(): void {
    this.writing = true;
  }

  endWrites(): void {
    this.writing = false;
  }

  private onInterrupt(): void {
    if (this.writing && !this.interrupted) {
      this.interrupted = true;
      this.output.err(
        'Interrupted: finishing the writes already sent, sending no more (Ctrl-C again stops at once).',
      );
      return;
    }
    this.output.err('Interrupted.');
    this.io.exit?.(EXIT.interrupted);
  }

  observeRequests(observer: (headers: Headers) => void): void {
    this.requestObservers.push(observer);
  }

  /** The transport of the Graph client: refuses new requests once interrupted, logs requests when asked. */
  fetch(graphError: typeof GraphError): FetchLike {
    return async (url, init) => {
      if (this.interrupted) {
        throw new graphError({
          kind: 'refused',
          code: 'Interrupted',
          message: 'Not sent: the run was interrupted (Ctrl-C)',
        });
      }
      for (const observe of this.requestObservers) observe(new Headers(init.headers));
      const started = Date.now();
      const method = init.method ?? 'GET';
      if (this.level > 0) this.output.err(this.output.errColor.dim(`→ ${method} ${url}`));
      try {
        const response = await fetch(url, init);
        if (this.level > 0) {
          const extra =
            this.level > 1
              ? DEBUG_HEADERS.map((h) => [h, response.headers.get(h)] as const)
                  .filter(([, v]) => v !== null)
                  .map(([h, v]) => ` ${h}=${v}`)
                  .join('')
              : '';
          this.output.err(
            this.output.errColor.dim(
              `← ${response.status} ${method} ${url} (${Date.now() - started} ms)${extra}`,
            ),
          );
        }
        return response;
      } catch (error) {
        if (this.level > 0)
          this.output.err(this.output.errColor.dim(`✗ ${method} ${url} after ${Date.now() - started} ms`));
        throw error;
      }
    };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
