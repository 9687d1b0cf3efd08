import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** Prints what the suite installs and starts, so a CI log shows it. */
export function say(message: string): void {
  process.stdout.write(`[scale] ${message}\n`);
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it printed so far (bounded to the last 200 kB). */
  output(): string;
  /** Resolves once its output matches `pattern` (rejects if it exits first or `timeoutMs` passes). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exited(): boolean;
}

/**
 * The processes one suite started: each is stopped by its own pid (SIGTERM, then SIGKILL after a grace period), in
 * the reverse order of starting, also when the suite fails half-way.
 */
export class ProcessGroup {
  private readonly started: Started[] = [];
  private readonly cleanups: Array<{ name: string; run: () => Promise<void> | void }> = [];

  start(name: string, command: string, args: readonly string[], options: SpawnOptions = {}): Started {
    say(`starting ${name}: ${command.split('/').at(-1)} ${args.join(' ')}`);
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const listeners = new Set<() => void>();
    const append = (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-200_000);
      for (const listener of listeners) listener();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    child.on('exit', () => {
      for (const listener of listeners) listener();
    });
    const entry: Started = {
      name,
      child,
      output: () => text,
      exited: () => child.exitCode !== null || child.signalCode !== null,
      waitFor: (pattern, timeoutMs) =>
        new Promise((resolve, reject) => {
          const check = () => {
            const match = pattern.exec(text);
            if (match) {
              done();
              resolve(match);
            } else if (entry.exited()) {
              done();
              reject(
                new Error(
                  `${name} exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${text.slice(-4000)}`,
                ),
              );
            }
          };
          const timer = setTimeout(() => {
            done();
            reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms:\n${text.slice(-4000)}`));
          }, timeoutMs);
          const done = () => {
            clearTimeout(timer);
            listeners.delete(check);
          };
          listeners.add(check);
          check();
        }),
    };
    this.started.push(entry);
    return entry;
  }

  /** Something else to undo at the end (a folder, a server stopped by its own command). */
  onStop(name: string, run: () => Promise<void> | void): void {
    this.cleanups.push({ name, run });
  }

  /** Everything each process printed, into `dir/<name>.log` (for a failed run's diagnosis). */
  saveLogs(dir: string): void {
    mkdirSync(dir, { recursive: true });
    for (const entry of this.started) {
      writeFileSync(path.join(dir, `${entry.name.replace(/[^\w.-]+/g, '-')}.log`), entry.output());
    }
  }

  /** Stops everything, newest first; never throws (a failure to stop one thing is printed). */
  async stopAll(graceMs = 15_000): Promise<void> {
    for (const entry of [...this.started].reverse()) {
      if (entry.exited()) continue;
      say(`stopping ${entry.name} (pid ${entry.child.pid})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          entry.child.kill('SIGKILL');
        }, graceMs);
        entry.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        entry.child.kill('SIGTERM');
      });
    }
    for (const cleanup of [...this.cleanups].reverse()) {
      try {
        await cleanup.run();
      } catch (error) {
        say(`could not ${cleanup.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.started.length = 0;
    this.cleanups.length = 0;
  }
}
