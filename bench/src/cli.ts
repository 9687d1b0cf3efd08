import { bulk } from './benchmarks/bulk.js';
import { coldStart } from './benchmarks/cold-start.js';
import { emulator } from './benchmarks/emulator.js';
import { n8nHttp } from './benchmarks/n8n-http.js';
import { pacing } from './benchmarks/pacing.js';
import { plan } from './benchmarks/plan.js';
import { type Benchmark, parseArgs } from './lib/options.js';
import { writeReport, writeSummary } from './lib/report.js';

/** `pnpm bench` runs the four benchmarks; pacing and n8n-http are slower and run only when named. */
const all: Benchmark[] = [coldStart, plan, emulator, bulk, pacing, n8nHttp];
const defaults = ['cold-start', 'plan', 'emulator', 'bulk'];

function usage(): string {
  const list = all.map((b) => `  ${b.name.padEnd(11)} ${b.describe}`).join('\n');
  return `usage: pnpm bench [name…] [--runs N] [--n N] [--seed N]   (or BENCH_RUNS, BENCH_N, BENCH_SEED)\n${list}\nDefault: ${defaults.join(', ')}.`;
}

async function main(): Promise<void> {
  const { names, options } = parseArgs(process.argv.slice(2), process.env);
  if (names.includes('help')) {
    console.log(usage());
    return;
  }
  const wanted = names.length > 0 ? names : defaults;
  const unknown = wanted.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n${usage()}`);
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

await main();
