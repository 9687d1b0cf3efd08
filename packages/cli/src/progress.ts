import type { Output } from './output.js';

/** Progress of a run over many targets: a bar on a terminal, plain lines otherwise (CI logs). */
export interface Progress {
  start(total: number): void;
  tick(label: string): void;
  stop(): void;
}

export const NO_PROGRESS: Progress = { start() {}, tick() {}, stop() {} };

/** Runs over this many targets or more show a bar on a terminal (a single target does not). */
const MIN_TARGETS = 2;
/** Plain progress lines (CI logs) only for runs this long: a short run's result lines say enough. */
const MIN_TARGETS_FOR_LINES = 10;

/** A bar (cli-progress) when stderr is a terminal and not in CI; else a line at each tenth and at the end. */
export async function createProgress(output: Output, title: string): Promise<Progress> {
  const fancy = output.stderrIsTTY && !output.env.CI;
  if (fancy) {
    const { SingleBar } = (await import('cli-progress')).default;
    const bar = new SingleBar({
      stream: output.streams.stderr,
      format: `${title} [{bar}] {value}/{total} {label}`,
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      barCompleteChar: '#',
      barIncompleteChar: '-',
    });
    let active = false;
    return {
      start(total) {
        if (total < MIN_TARGETS) return;
        active = true;
        bar.start(total, 0, { label: '' });
      },
      tick(label) {
        if (active) bar.increment(1, { label: output.redact(label).slice(0, 40) });
      },
      stop() {
        if (active) bar.stop();
        active = false;
      },
    };
  }
  let total = 0;
  let done = 0;
  let lastTenth = 0;
  return {
    start(n) {
      total = n;
      done = 0;
      lastTenth = 0;
    },
    tick(label) {
      done += 1;
      if (total < MIN_TARGETS_FOR_LINES) return;
      // up to 20 steps each one is shown; above, each tenth and the end
      const tenth = total <= 20 ? done : Math.floor((done * 10) / total);
      if (tenth !== lastTenth || done === total) {
        lastTenth = tenth;
        output.err(`${title}: ${done}/${total} (${label})`);
      }
    },
    stop() {},
  };
}
