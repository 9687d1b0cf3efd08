import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { N8nPaths } from '@entra-licensing/n8n-harness';
import { n8nEnv, prepareN8nHome, runN8n } from '@entra-licensing/n8n-harness';
import { n8nDatabaseEnv, type Postgres } from './postgres.js';
import { freePort, type ProcessGroup, type Started, say } from './processes.js';

/** What every instance of one queue-mode set-up shares: database, queue, encryption key. */
export interface QueueSetUp {
  paths: N8nPaths;
  db: Postgres;
  redis: { host: string; port: number };
  /** The packed node (a .tgz), installed into each instance's own user folder. */
  tarball: string;
  /** Where the instances' user folders go. */
  dir: string;
}

export interface N8nInstance {
  name: string;
  home: string;
  process: Started;
  /** The main instance's HTTP port (workers: their health port). */
  port: number;
}

// One key for all instances: the workers decrypt the credentials the main instance's database holds.
const ENCRYPTION_KEY = 'entra-scale-suite-queue-mode-key';

/**
 * n8n's queue-mode variables (as in n8n's docker-compose `withPostgresAndWorker`). The job lock and stall check keep
 * n8n's defaults: shorter ones fail busy executions as stalled on a loaded machine.
 */
export function queueEnv(setUp: QueueSetUp, port: number): Record<string, string> {
  return {
    ...n8nDatabaseEnv(setUp.db),
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_REDIS_HOST: setUp.redis.host,
    QUEUE_BULL_REDIS_PORT: String(setUp.redis.port),
    N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_PORT: String(port),
    QUEUE_HEALTH_CHECK_PORT: String(port),
    N8N_LOG_LEVEL: 'info',
    N8N_SECURE_COOKIE: 'false',
  };
}

/** A fresh user folder for one instance, with the packed node installed as a community package. */
function instanceHome(setUp: QueueSetUp, name: string): string {
  const home = path.join(setUp.dir, name);
  mkdirSync(home, { recursive: true });
  return prepareN8nHome(setUp.tarball, home);
}

async function mustRun(setUp: QueueSetUp, home: string, args: string[]): Promise<void> {
  const result = await runN8n(setUp.paths, home, args, { extraEnv: queueEnv(setUp, await freePort()) });
  if (result.code !== 0)
    throw new Error(`n8n ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
}

/** Imports credentials and workflows into the shared database and publishes (activates) the given workflows. */
export async function importIntoDatabase(
  setUp: QueueSetUp,
  credentials: unknown[],
  workflows: Array<{ id: string }>,
  publish: string[],
): Promise<void> {
  const home = instanceHome(setUp, 'cli');
  const credentialsFile = path.join(home, 'credentials.json');
  writeFileSync(credentialsFile, JSON.stringify(credentials));
  try {
    say('n8n import:credentials (into PostgreSQL)');
    await mustRun(setUp, home, ['import:credentials', `--input=${credentialsFile}`]);
  } finally {
    rmSync(credentialsFile, { force: true }); // it holds the client secret in clear
  }
  const dir = path.join(home, 'workflows');
  mkdirSync(dir, { recursive: true });
  for (const workflow of workflows)
    writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
  say(`n8n import:workflow (${workflows.length} workflows)`);
  await mustRun(setUp, home, ['import:workflow', '--separate', `--input=${dir}`]);
  for (const id of publish) {
    say(`n8n publish:workflow --id=${id}`);
    await mustRun(setUp, home, ['publish:workflow', `--id=${id}`]);
  }
}

/** `n8n start` in queue mode: receives webhooks, runs the polling triggers, enqueues executions. */
export async function startMain(
  group: ProcessGroup,
  setUp: QueueSetUp,
): Promise<N8nInstance & { url: string }> {
  const home = instanceHome(setUp, 'main');
  const port = await freePort();
  const child = group.start('n8n main (queue mode)', setUp.paths.node, [setUp.paths.n8nBin, 'start'], {
    env: n8nEnv(setUp.paths, home, queueEnv(setUp, port)),
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exited()) throw new Error(`n8n main exited:\n${child.output().slice(-4000)}`);
    if (Date.now() > deadline)
      throw new Error(`n8n main not ready within 300 s:\n${child.output().slice(-4000)}`);
    const ready = await fetch(`${url}/healthz/readiness`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && /Editor is now accessible|n8n ready on/.test(child.output())) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  say(`n8n main ready on ${url}`);
  return { name: 'main', home, process: child, port, url };
}

/** `n8n worker`: takes executions from the queue and runs them. */
export async function startWorker(
  group: ProcessGroup,
  setUp: QueueSetUp,
  name: string,
  concurrency: number,
): Promise<N8nInstance> {
  const home = instanceHome(setUp, name);
  const port = await freePort();
  const child = group.start(
    `n8n ${name}`,
    setUp.paths.node,
    [setUp.paths.n8nBin, 'worker', `--concurrency=${concurrency}`],
    {
      env: n8nEnv(setUp.paths, home, queueEnv(setUp, port)),
    },
  );
  await child.waitFor(/n8n worker is now ready/, 180_000);
  say(`n8n ${name} ready (pid ${child.child.pid}, concurrency ${concurrency})`);
  return { name, home, process: child, port };
}
