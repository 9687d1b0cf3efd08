import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { requestToken, type TokenOptions } from './client/tokens.js';
import { FaultInjector } from './faults/fault-injector.js';
import { parseFaultSpec } from './faults/fault-spec.js';
import { registerBodyParsers } from './http/body-parsers.js';
import { registerEmulatorRoutes } from './http/emulator-routes.js';
import { registerGraphRoutes } from './http/graph-routes.js';
import { registerIdentityRoutes } from './http/identity-routes.js';
import { GRAPH_RESOURCE, TokenService } from './identity/token-service.js';
import { Directory, type DirectorySnapshot } from './model/directory.js';
import type { App } from './model/types.js';
import {
  type EmulatorOptions,
  type EmulatorSettings,
  parseLatency,
  parseReplicationDelay,
} from './options.js';
import { createRandomSource } from './random.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import type { Runtime } from './runtime.js';
import { readSeedFile, resolveSeed } from './seed/load-seed.js';
import { parseThrottleSpec, type ThrottleLimits } from './throttling/throttle-profile.js';
import { Throttler } from './throttling/throttler.js';
import { createTlsMaterial } from './tls.js';

export interface RunningEmulator {
  /** The origin, e.g. `http://127.0.0.1:41234` (no version). */
  url: string;
  /** `<url>/v1.0` */
  graphBaseUrl: string;
  tenantId: string;
  tenantDomain: string;
  apps: readonly App[];
  /** With `tls`: the PEM file to trust (NODE_EXTRA_CA_CERTS). */
  caCertificatePath: string | undefined;
  /** The live directory (users, groups, SKUs); pending group processing is applied first. */
  readonly state: Directory;
  /** Back to the seed: directory, throttle buckets, request log and random sources (settings are kept). */
  reset(): void;
  /** Changes settings while running (`POST /_emulator/settings`); throws on an invalid value. */
  configure(settings: EmulatorSettings): void;
  /** The request log (`GET /_emulator/requests`). */
  requests(): readonly RequestLogEntry[];
  /**
   * An access token for one of the apps (by name or clientId), from the token endpoint over HTTP, as a client gets
   * it: with its secret (default) or with a certificate assertion (`{ credential: 'certificate' }`).
   */
  getToken(app: string, options?: TokenOptions): Promise<string>;
  /** Signs a token with chosen claims, e.g. an expired one (test affordance). */
  mintToken(
    app: string,
    claims?: { expiresInSeconds?: number; roles?: string[]; audience?: string },
  ): Promise<string>;
  stop(): Promise<void>;
}

/** Starts an emulator; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`timeScale: '${timeScale}' must be a positive number`);
  const seed = typeof options.seed === 'string' ? await readSeedFile(options.seed) : options.seed;
  const snapshot: DirectorySnapshot = resolveSeed(seed);
  let limits: ThrottleLimits =
    typeof options.throttle === 'object' ? options.throttle : parseThrottleSpec(options.throttle);
  let faultSpec = typeof options.faults === 'object' ? options.faults : parseFaultSpec(options.faults);
  let latency = parseLatency(options.latency);
  const processingDelayMs = (options.processingDelayMs ?? 2000) / timeScale;
  const tls = options.tls ? await createTlsMaterial(host) : undefined;
  const tokens = await TokenService.create();
  const clock = options.clock ?? Date.now;

  const newLatency = (): (() => number) => {
    const random = createRandomSource(options.randomSeed === undefined ? undefined : options.randomSeed + 1);
    return () => (latency.max === 0 ? 0 : latency.min + (latency.max - latency.min) * random.next());
  };
  let replicationDelayMs =
    parseReplicationDelay(options.replicationDelayMs, 'replicationDelayMs') / timeScale;
  const newDirectory = (): Directory => new Directory(snapshot, clock, processingDelayMs, replicationDelayMs);
  const chargeThrottledRequests = options.chargeThrottledRequests ?? true;
  const newThrottler = (charge = runtime.chargeThrottledRequests): Throttler =>
    new Throttler(limits, timeScale, snapshot.tenant.id, snapshot.users.length, charge);

  const runtime: Runtime = {
    baseUrl: '',
    snapshot,
    directory: newDirectory(),
    throttler: newThrottler(chargeThrottledRequests),
    faults: new FaultInjector(faultSpec, createRandomSource(options.randomSeed)),
    tokens,
    log: new RequestLog(),
    latency: newLatency(),
    now: clock,
    timeScale,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    concurrencyViolations: options.concurrencyViolations ?? false,
    chargeThrottledRequests,
    inFlight: new Map(),
  };
  /** Changes throttling, faults, latency or concurrency checks of a running emulator (fresh buckets and draws). */
  const configure = (settings: EmulatorSettings): void => {
    const nextLimits = settings.throttle === undefined ? limits : parseThrottleSpec(settings.throttle);
    const nextFaults = settings.faults === undefined ? faultSpec : parseFaultSpec(settings.faults);
    const nextLatency = settings.latency === undefined ? latency : parseLatency(settings.latency);
    const nextReplicationDelay =
      settings.replicationDelay === undefined
        ? replicationDelayMs
        : parseReplicationDelay(settings.replicationDelay) / timeScale;
    limits = nextLimits;
    faultSpec = nextFaults;
    latency = nextLatency;
    if (nextReplicationDelay !== replicationDelayMs) {
      replicationDelayMs = nextReplicationDelay;
      runtime.directory.setReplicationDelay(replicationDelayMs);
    }
    if (settings.concurrencyViolations !== undefined)
      runtime.concurrencyViolations = settings.concurrencyViolations;
    if (settings.chargeThrottledRequests !== undefined)
      runtime.chargeThrottledRequests = settings.chargeThrottledRequests;
    runtime.throttler = newThrottler();
    runtime.faults = new FaultInjector(faultSpec, createRandomSource(options.randomSeed));
    runtime.latency = newLatency();
  };
  const reset = (): void => {
    runtime.directory = newDirectory();
    runtime.throttler = newThrottler();
    runtime.faults = new FaultInjector(faultSpec, createRandomSource(options.randomSeed));
    runtime.latency = newLatency();
    runtime.log.clear();
    runtime.inFlight.clear();
  };

  const app = (tls
    ? Fastify({ logger: false, https: { key: tls.key, cert: tls.cert }, forceCloseConnections: true })
    : Fastify({ logger: false, forceCloseConnections: true })) as unknown as FastifyInstance;
  registerBodyParsers(app);
  await app.register(formbody);
  registerIdentityRoutes(app, runtime);
  registerEmulatorRoutes(app, runtime, { reset, configure });
  registerGraphRoutes(app, runtime);
  // Graph routes set their own request-id; every other answer (token endpoint, test affordances) gets one too.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('request-id')) reply.header('request-id', randomUUID());
    return payload;
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: 'NotFound',
        message: `No emulator route for ${request.method} ${request.url.split('?')[0]}.`,
      },
    }),
  );

  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('graph-emulator: no TCP address');
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `${tls ? 'https' : 'http'}://${hostPart}:${address.port}`;
  runtime.baseUrl = url;

  const findApp = (ref: string): App => {
    const found = runtime.directory.apps.find((a) => a.name === ref || a.clientId === ref);
    if (!found) throw new Error(`No app named '${ref}' in the seed`);
    return found;
  };

  return {
    url,
    graphBaseUrl: `${url}/v1.0`,
    tenantId: snapshot.tenant.id,
    tenantDomain: snapshot.tenant.domain,
    apps: snapshot.apps,
    caCertificatePath: tls?.certificatePath,
    get state() {
      runtime.directory.advance();
      return runtime.directory;
    },
    reset,
    configure,
    requests: () => runtime.log.list(),
    async getToken(ref, tokenOptions) {
      const ca = tls ? await readFile(tls.certificatePath, 'utf8') : undefined;
      return requestToken({ url, tenantId: snapshot.tenant.id, ca }, findApp(ref), tokenOptions);
    },
    async mintToken(ref, claims = {}) {
      const found = findApp(ref);
      const now = Math.floor(Date.now() / 1000);
      return tokens.sign(
        {
          aud: claims.audience ?? GRAPH_RESOURCE,
          iss: `https://sts.windows.net/${snapshot.tenant.id}/`,
          tid: snapshot.tenant.id,
          appid: found.clientId,
          azp: found.clientId,
          roles: claims.roles ?? [...found.roles],
          iat: now - 3600,
          exp: now + (claims.expiresInSeconds ?? 3599),
        },
        found,
      );
    },
    stop: async () => {
      await app.close();
      if (tls) await rm(dirname(tls.certificatePath), { recursive: true, force: true });
    },
  };
}
