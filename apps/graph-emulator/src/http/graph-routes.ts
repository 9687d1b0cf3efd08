import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError, graphErrors } from '../errors/graph-errors.js';
import { executeBatch } from '../graph/batch.js';
import { errorResponse, type RequestIds } from '../graph/error-response.js';
import type { GraphResponse } from '../graph/graph-response.js';
import { type ExecutionRecord, emptyRecord, executeGraph } from '../graph/pipeline.js';
import type { GraphRequest } from '../graph/request.js';
import type { App } from '../model/types.js';
import type { RequestLogEntry } from '../request-log.js';
import type { Runtime } from '../runtime.js';
import { InvalidJson } from './body-parsers.js';

function headerRecord(request: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

async function authenticate(runtime: Runtime, header: string | undefined): Promise<App | GraphError> {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
  if (!token) return graphErrors.invalidToken('Access token is empty.');
  const result = await runtime.tokens.verify(token, runtime.directory.tenant, runtime.baseUrl);
  if (!result.ok) return graphErrors.invalidToken(result.message);
  const app = runtime.directory.apps.find((a) => a.clientId === result.claims.appid);
  if (!app) return graphErrors.invalidToken('Access token validation failure. Unknown application.');
  return { ...app, roles: result.claims.roles };
}

const AGS_DIAGNOSTIC = JSON.stringify({
  ServerInfo: {
    DataCenter: 'Emulator',
    Slice: 'E',
    Ring: '0',
    ScaleUnit: '000',
    RoleInstance: 'graph-emulator',
  },
});

function send(reply: FastifyReply, response: GraphResponse, ids: RequestIds): FastifyReply {
  reply.code(response.status);
  reply.header('request-id', ids.requestId);
  reply.header('client-request-id', ids.clientRequestId);
  reply.header('x-ms-ags-diagnostic', AGS_DIAGNOSTIC);

  for (const [key, value] of Object.entries(response.headers)) reply.header(key, value);
  if (response.rawJson !== undefined) return reply.send(response.rawJson);
  if (response.body === undefined) return reply.send();
  if (typeof response.body === 'string') return reply.send(response.body);
  return reply.send(JSON.stringify(response.body));
}

/** Graph under `/v1.0/…` and `/beta/…`: authentication, `$batch`, the pipeline, latency, faults, logging. */
export function registerGraphRoutes(app: FastifyInstance, runtime: Runtime): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const arrival = runtime.now();
    const seq = runtime.log.nextSeq();
    const headers = headerRecord(request);
    const requestId = randomUUID();
    const ids: RequestIds = { requestId, clientRequestId: headers['client-request-id'] ?? requestId };
    const url = new URL(request.url, 'http://emulator.invalid');
    const allSegments = url.pathname
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
    const version = allSegments[0] as 'v1.0' | 'beta';
    const segments = allSegments.slice(1);
    runtime.directory.advance();

    let clientId: string | null = null;
    let record: ExecutionRecord = emptyRecord();
    let response: GraphResponse;
    let release = (): void => {};
    const auth = await authenticate(runtime, headers.authorization);
    if (auth instanceof GraphError) {
      response = errorResponse(auth, ids);
      response.headers['www-authenticate'] =
        `Bearer realm="", authorization_uri="${runtime.baseUrl}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`;
    } else if (request.body instanceof InvalidJson) {
      clientId = auth.clientId;
      response = errorResponse(graphErrors.invalidJson(), ids);
    } else {
      clientId = auth.clientId;
      const graphRequest: GraphRequest = {
        method: request.method,
        version,
        segments,
        query: url.searchParams,
        headers,
        body: request.body,
        baseUrl: runtime.baseUrl,
        app: auth,
      };
      if (segments.length === 1 && segments[0] === '$batch') {
        if (request.method !== 'POST') {
          response = errorResponse(graphErrors.methodNotAllowed(), ids);
        } else {
          try {
            const outcome = executeBatch(runtime, graphRequest, ids, arrival);
            response = outcome.response;
            release = outcome.release;
            for (const entry of outcome.entries) runtime.log.add({ seq: runtime.log.nextSeq(), ...entry });
            // Transport faults (reset, slow) hit the whole HTTP exchange, after its items were processed.
            const hasWrites = outcome.entries.some((e) => e.write);
            const transport = runtime.faults.draw(hasWrites, (r) => r.kind === 'reset' || r.kind === 'slow');
            record = { ...emptyRecord(), fault: transport ?? null };
          } catch (error) {
            if (!(error instanceof GraphError)) throw error;
            response = errorResponse(error, ids);
          }
        }
      } else {
        try {
          const execution = executeGraph(runtime, graphRequest, ids, true);
          response = execution.response;
          record = execution.record;
          release = execution.release;
        } catch (error) {
          // An emulator bug: still answer in Graph's envelope, and say what broke.
          process.stderr.write(
            `graph-emulator: ${request.method} ${url.pathname}: ${(error as Error).stack ?? error}\n`,
          );
          response = errorResponse(graphErrors.emulatorFailure((error as Error).message), ids);
        }
      }
    }

    const entry = (status: number): RequestLogEntry => ({
      seq,
      time: new Date(arrival).toISOString(),
      timeMs: arrival,
      completedMs: runtime.now(),
      clientId,
      method: request.method,
      path: url.pathname,
      target: record.target,
      status,
      throttled: status === 429,
      retryAfter: record.retryAfter,
      write: record.write,
      scopes: record.scopes,
      throttleScope: record.throttleScope,
      fault: record.fault?.kind ?? null,
      resourceUnits: record.resourceUnits,
      batch: null,
      requestId,
    });

    const latency = runtime.latency();
    if (latency > 0) await sleep(latency);
    if (record.fault?.kind === 'slow') await sleep(record.fault.ms);
    if (record.fault?.kind === 'reset') {
      release();
      runtime.log.add(entry(0));
      reply.hijack();
      request.raw.socket.destroy();
      return undefined;
    }
    const sent = send(reply, response, ids);
    release();
    runtime.log.add(entry(response.status));
    return sent;
  };
  for (const prefix of ['/v1.0', '/beta']) {
    app.all(prefix, handler);
    app.all(`${prefix}/*`, handler);
  }
}
