import { bulk } from './benchmarks/bulk.js';
import { coldStart } from './benchmarks/cold-start.js';
import { emulator } from './benchmarks/emulator.js';
import { exportBench } from './benchmarks/export.js';
import { n8nHttp } from './benchmarks/n8n-http.js';
import { pacing } from './benchmarks/pacing.js';
import { plan } from './benchmarks/plan.js';
import { reclaim } from './benchmarks/reclaim.js';
import { report } from './benchmarks/report.js';
import { tenant } from './benchmarks/tenant.js';
import { type Benchmark, parseArgs } from './lib/options.js';
import { writeReport, writeSummary } from './lib/report.js';

/** `pnpm bench` runs the four benchmarks; pacing and n8n-http are slower and run only when named. */
const all: Benchmark[] = [
  coldStart,
  plan,
  emulator,
  bulk,
  pacing,
  n8nHttp,
  tenant,
  report,
  reclaim,
  exportBench,
];
const defaults = ['cold-start', 'plan', 'emulator', 'bulk'];

function usage(): string {
  const list = all.map((b) => `  ${b.name.padEnd(11)} ${b.describe}`).join('\n');
  return `usage: pnpm bench [name…] [--runs N] [--n N] [--seed N]   (or BENCH_RUNS, BENCH_N, BENCH_SEED)\n${list}\nDefault: ${defaults.join(', ')}.`;
}

/** A mistake in the command line: printed with the usage, no stack trace, exit code 2. */
class UsageError extends Error {}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h') || argv.includes('help')) {
    console.log(usage());
    return;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv, process.env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { names, options } = parsed;
  const wanted = names.length > 0 ? names : defaults;
  const unknown = wanted.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0)
    throw new UsageError(`unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}`);
  let failed = false;
  for (const name of wanted) {
    const bench = all.find((b) => b.name === name)!;
    console.log(`\n=== ${bench.name}: ${bench.describe}`);
    const started = performance.now();
    try {
      const report = await bench.run(options);
      console.log(await writeReport(report));
      console.log(
        `(${bench.name} took ${((performance.now() - started) / 1000).toFixed(1)} s; results/${bench.name}.{json,md})`,
      );
    } catch (error) {
      failed = true;
      console.error(`${bench.name} failed:`, error);
    }
  }
  await writeSummary(all.map((b) => b.name));
  if (failed) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`pnpm bench: ${error.message}\n${usage()}`);
  process.exitCode = 2;
}
