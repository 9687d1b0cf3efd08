/** Options shared by every benchmark, from the command line (`--runs 5 --n 2000`) or the environment. */
export interface BenchOptions {
  /** Repetitions of each measurement (the figures are medians over them); undefined = the benchmark's default. */
  runs: number | undefined;
  /** Size of the bulk run (number of targets). */
  n: number;
  /** Seed of every pseudo-random input. */
  seed: number;
}

export interface Benchmark {
  name: string;
  describe: string;
  run(options: BenchOptions): Promise<import('./report.js').BenchReport>;
}

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

export function parseArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { names: string[]; options: BenchOptions } {
  const names: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${key} needs a value`);
      flags[key!] = value;
    } else {
      names.push(arg);
    }
  }
  for (const key of Object.keys(flags)) {
    if (!['runs', 'n', 'seed'].includes(key))
      throw new Error(`unknown option --${key} (known: --runs, --n, --seed)`);
  }
  return {
    names,
    options: {
      runs: positiveInt('--runs / BENCH_RUNS', flags.runs ?? env.BENCH_RUNS),
      n: positiveInt('--n / BENCH_N', flags.n ?? env.BENCH_N) ?? 1000,
      seed: positiveInt('--seed / BENCH_SEED', flags.seed ?? env.BENCH_SEED) ?? 20261129,
    },
  };
}
