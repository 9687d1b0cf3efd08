import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom } from '../../src/lib/random.js';

export interface ResetProxy {
  url: string;
  /** `$batch` answers dropped by resetting the connection after the emulator had executed the batch. */
  resets(): number;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'content-length',
  'transfer-encoding',
  'content-encoding',
  'keep-alive',
]);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A loopback proxy in front of the emulator that resets the client's connection, with the given probability,
 * after the emulator has answered a `POST …/$batch`: the "connection reset after sending" that the emulator itself
 * can only inject on top-level requests. The writes of such a batch are applied, the client never hears it.
 */
export async function startResetProxy(
  upstream: string,
  probability: number,
  seed: number,
): Promise<ResetProxy> {
  const random = createRandom(seed);
  let resets = 0;
  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value === undefined || key === 'host' || HOP_BY_HOP.has(key)) continue;
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = await fetch(`${upstream}${req.url}`, {
        method: req.method,
        headers,
        ...(body.length > 0 ? { body } : {}),
      });
      const payload = Buffer.from(await answer.arrayBuffer());
      if (req.method === 'POST' && req.url?.endsWith('/$batch') && random.chance(probability)) {
        resets += 1;
        req.socket.destroy();
        return;
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, key) => {
        if (!HOP_BY_HOP.has(key)) out[key] = value;
      });
      out['content-length'] = String(payload.length);
      res.writeHead(answer.status, out);
      res.end(payload);
    } catch {
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    resets: () => resets,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
