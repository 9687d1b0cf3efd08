#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';

const USAGE = `Usage: entra-graph-emulator [options]

  --port <n>              port to listen on (0 = any free port; default 0)
  --host <host>           interface to bind (default 127.0.0.1)
  --seed <file>           seed JSON file (default: the built-in Contoso tenant)
  --latency <ms|min-max>  artificial latency per answer, in milliseconds
  --time-scale <factor>   divide throttle windows, processing delays and Retry-After by this
  --throttle <profile>    graph (default), off, tight, or overrides: graph,appWrite=100/10s,tenantWrite=off,appRu=500/10s
  --faults <spec>         e.g. 429:0.05,503:0.05,504:0.02,reset:0.02,slow:0.05@3000,concurrency:0.05,on=all
  --random-seed <n>       make fault injection and latency draws deterministic
  --processing-delay <ms> Graph time for a group's license processing (default 2000, divided by time scale)
  --replication-delay <ms> reads of license state lag this long behind writes (divided by time scale; default 0)
  --concurrency-violations answer Directory_ConcurrencyViolation to overlapping writes on one object
  --no-charge-throttled   throttled (429) requests cost nothing (default: they count against the limits, as in Graph)
  --tls                   serve HTTPS with a self-signed certificate (path printed on the second line)
  --help                  show this help
`;

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name}: '${value}' is not a number`);
  return n;
}

function nonNegative(name: string, value: string | undefined): number | undefined {
  const n = numberOption(name, value);
  if (n !== undefined && n < 0) throw new Error(`--${name}: '${value}' must not be negative`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'time-scale': { type: 'string' },
      throttle: { type: 'string' },
      faults: { type: 'string' },
      'random-seed': { type: 'string' },
      'processing-delay': { type: 'string' },
      'replication-delay': { type: 'string' },
      'concurrency-violations': { type: 'boolean' },
      'no-charge-throttled': { type: 'boolean' },
      tls: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator({
    port: numberOption('port', values.port),
    host: values.host,
    seed: values.seed,
    latency: values.latency,
    timeScale: numberOption('time-scale', values['time-scale']),
    throttle: values.throttle,
    faults: values.faults,
    randomSeed: numberOption('random-seed', values['random-seed']),
    processingDelayMs: numberOption('processing-delay', values['processing-delay']),
    replicationDelayMs: nonNegative('replication-delay', values['replication-delay']),
    concurrencyViolations: values['concurrency-violations'],
    chargeThrottledRequests: values['no-charge-throttled'] ? false : undefined,
    tls: values.tls,
  });
  // Signal handlers first: a parent may stop the emulator as soon as it reads the first line.
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.stdout.write(`graph-emulator listening on ${emulator.url}\n`);
  if (emulator.caCertificatePath) {
    process.stdout.write(
      `graph-emulator certificate ${emulator.caCertificatePath} (set NODE_EXTRA_CA_CERTS to it)\n`,
    );
  }
  process.stdout.write(
    `tenant ${emulator.tenantId} (${emulator.tenantDomain}); apps: see ${emulator.url}/_emulator/config\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`graph-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
