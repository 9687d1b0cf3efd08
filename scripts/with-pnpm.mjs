#!/usr/bin/env node
// Runs the repository's top-level jobs on a machine that only has Node.js:
// it fetches the pnpm version pinned in package.json ("packageManager") through npx,
// installs the workspace from the lockfile, then runs the job.
//
//   node scripts/with-pnpm.mjs test   -> install, then build, type-check, lint and test everything
//   node scripts/with-pnpm.mjs demo   -> install, build, then run the main job (see README)
//   node scripts/with-pnpm.mjs dev [--reset] -> install, build, then open the n8n editor with the node
//   node scripts/with-pnpm.mjs setup  -> install, build (what the READMEs' "from a clone" routes start with)
//   node scripts/with-pnpm.mjs run <script> -> install, then `pnpm run <script>` (used by .ci/run)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmSpec = packageManager.split('+')[0]; // "pnpm@10.34.9"

const jobs = {
  setup: [['run', 'build']],
  test: [['run', 'test:all']],
  demo: [
    ['run', 'build'],
    ['--filter', 'n8n-nodes-entra-licensing', 'run', 'demo'],
  ],
  dev: [
    ['run', 'build'],
    ['--filter', 'n8n-nodes-entra-licensing', 'run', 'dev'],
  ],
};

const job = process.argv[2];
if (job === 'run' && process.argv[3]) jobs.run = [['run', ...process.argv.slice(3)]];
// `npm run dev -- --reset`: what follows the job goes to its last step.
else if (job in jobs && process.argv.length > 3) jobs[job].at(-1).push(...process.argv.slice(3));
if (!job || !(job in jobs)) {
  console.error(`usage: node scripts/with-pnpm.mjs <${Object.keys(jobs).join('|')}>`);
  process.exit(2);
}

function pnpm(args) {
  const localVersion = spawnSync('pnpm', ['--version'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const wanted = pnpmSpec.split('@')[1];
  const useLocal = localVersion.status === 0 && localVersion.stdout.trim() === wanted;
  const [cmd, cmdArgs] = useLocal ? ['pnpm', args] : ['npx', ['--yes', pnpmSpec, ...args]];
  console.error(`> ${useLocal ? 'pnpm' : `npx ${pnpmSpec}`} ${args.join(' ')}`);
  const result = spawnSync(cmd, cmdArgs, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A node_modules left by another pnpm store (another HOME, an older pnpm) is rebuilt instead of asking for a
// confirmation that a terminal-less run (a pipeline without CI=true) cannot give.
pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--config.confirm-modules-purge=false']);
for (const args of jobs[job]) pnpm(args);
