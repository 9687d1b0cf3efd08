import path from 'node:path';
import { freePort, type ProcessGroup, say } from './processes.js';
import { ensureDebianPackages, redisServerBinary } from './system-packages.js';

/** Redis for n8n's queue (Bull): loopback only, a free port, its own folder, no persistence. */
export async function startRedis(group: ProcessGroup, dir: string): Promise<{ host: string; port: number }> {
  ensureDebianPackages('Redis', ['redis-server'], () => redisServerBinary() !== undefined);
  const port = await freePort();
  const redis = group.start('redis-server', redisServerBinary()!, [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--protected-mode',
    'yes',
    '--logfile',
    path.join(dir, 'redis.log'),
  ]);
  // With a logfile Redis prints nothing: wait until it answers on the port.
  await waitForRedis(
    port,
    () => redis.exited(),
    () => redis.output(),
  );
  say(`redis ready on 127.0.0.1:${port}`);
  return { host: '127.0.0.1', port };
}

async function waitForRedis(port: number, exited: () => boolean, output: () => string): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`redis-server exited:\n${output()}`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
    if (pong) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`redis-server did not answer PING on ${port} within 20 s`);
}
