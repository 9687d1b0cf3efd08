import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { say } from './processes.js';

function run(command: string, args: string[]): void {
  say(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

let updated = false;

/** Installs Debian packages with apt-get when `present()` says they are missing (CI runs as root). */
export function ensureDebianPackages(what: string, packages: string[], present: () => boolean): void {
  if (present()) {
    say(`${what}: already installed`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`${what} is missing and this is not root: run apt-get install -y ${packages.join(' ')}`);
  }
  say(`${what}: installing Debian packages ${packages.join(', ')}`);
  if (!updated) {
    run('apt-get', ['update', '-q']);
    updated = true;
  }
  run('apt-get', ['install', '-y', '-q', ...packages]);
  if (!present()) throw new Error(`${what}: still missing after apt-get install ${packages.join(' ')}`);
}

/** The newest PostgreSQL server's bin folder from Debian's layout (/usr/lib/postgresql/<major>/bin). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(root, majors[0], 'bin') : undefined;
}

export function redisServerBinary(): string | undefined {
  return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
}
