import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, type ProcessGroup, say } from './processes.js';
import { ensureDebianPackages, postgresBinDir } from './system-packages.js';

/** The system user the database runs as when the suite is root (PostgreSQL refuses to run as root). */
const SYSTEM_USER = 'entra-scale-pg';
const DATABASE = 'n8n';
const ROLE = 'n8n';

export interface Postgres {
  host: string;
  port: number;
  database: string;
  user: string;
}

function ensureSystemUser(): { uid: number; gid: number } {
  try {
    execFileSync('id', ['-u', SYSTEM_USER], { stdio: 'ignore' });
  } catch {
    say(`creating system user ${SYSTEM_USER} for PostgreSQL`);
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER]);
  }
  const uid = Number(execFileSync('id', ['-u', SYSTEM_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', SYSTEM_USER], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * A throw-away PostgreSQL cluster in a fresh temp folder (initdb, trust authentication on loopback only), started with its own
 * `postgres` process on a free port, with an `n8n` role and database.
 */
export async function startPostgres(group: ProcessGroup): Promise<Postgres> {
  ensureDebianPackages('PostgreSQL', ['postgresql'], () => postgresBinDir() !== undefined);
  const bin = postgresBinDir()!;
  // Its own folder directly under the temp dir, so that the database's system user can reach it.
  const dir = mkdtempSync(path.join(tmpdir(), 'entra-scale-pg-'));
  group.onStop(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  mkdirSync(data, { recursive: true });
  mkdirSync(socketDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? ensureSystemUser() : undefined;
  if (ids) {
    chownSync(dir, ids.uid, ids.gid);
    chownSync(data, ids.uid, ids.gid);
    chownSync(socketDir, ids.uid, ids.gid);
  }
  const spawnAs = ids ? { uid: ids.uid, gid: ids.gid } : {};
  say(`initdb ${data}`);
  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', ROLE, '--auth=trust', '-E', 'UTF8', '--no-sync'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      ...spawnAs,
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    },
  );
  const port = await freePort();
  const server = group.start(
    'postgres',
    path.join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=100',
    ],
    { ...spawnAs, env: { ...process.env, LC_ALL: 'C.UTF-8' } },
  );
  await server.waitFor(/database system is ready to accept connections/, 30_000);
  execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', ROLE, DATABASE], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  say(`postgres ready on 127.0.0.1:${port} (database ${DATABASE})`);
  return { host: '127.0.0.1', port, database: DATABASE, user: ROLE };
}

/** The `DB_*` variables n8n needs for this database. */
export function n8nDatabaseEnv(db: Postgres): Record<string, string> {
  return {
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: db.host,
    DB_POSTGRESDB_PORT: String(db.port),
    DB_POSTGRESDB_DATABASE: db.database,
    DB_POSTGRESDB_USER: db.user,
    DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
  };
}
