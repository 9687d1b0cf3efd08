import { callJson } from '../client/http.js';
import { requestToken, type TokenOptions } from '../client/tokens.js';
import type { EmulatorSettings } from '../options.js';
import type { RequestLogEntry } from '../request-log.js';

/** An app of `GET /_emulator/config`. */
export interface EmulatorConfigApp {
  name: string;
  clientId: string;
  clientSecret: string;
  roles: string[];
  certificates: { thumbprint: string | null; thumbprintSha256: string | null }[];
}

/** `GET /_emulator/config`: where the emulated tenant lives and how to sign in to it. */
export interface EmulatorConfig {
  tenantId: string;
  tenantDomain: string;
  /** `<url>/v1.0` */
  graphBaseUrl: string;
  betaGraphBaseUrl: string;
  /** The authority host for MSAL / @azure/identity (`authorityHost`): the emulator's origin. */
  loginBaseUrl: string;
  tokenEndpoint: string;
  scope: string;
  timeScale: number;
  chargeThrottledRequests: boolean;
  concurrencyViolations: boolean;
  /** The throttle buckets in force, windows in real milliseconds (after the time scale); null = off. */
  throttleLimits: {
    appResourceUnits: { limit: number; windowMs: number } | null;
    appWrite: { limit: number; windowMs: number } | null;
    tenantWrite: { limit: number; windowMs: number } | null;
  };
  apps: EmulatorConfigApp[];
}

/** An emulator reached over HTTP (spawned, or started elsewhere): its test affordances under `/_emulator/…`. */
export interface EmulatorClient {
  /** The origin, e.g. `http://127.0.0.1:41234` (no version). */
  readonly url: string;
  readonly config: EmulatorConfig;
  /** An access token for a seed app (by name or clientId), from the token endpoint, by secret or certificate. */
  getToken(app: string, options?: TokenOptions): Promise<string>;
  /** The request log (`GET /_emulator/requests`), optionally only entries after `since` (a `seq`). */
  requests(since?: number): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Back to the seed (`POST /_emulator/reset`); settings are kept. */
  reset(): Promise<void>;
  /** Changes settings while running (`POST /_emulator/settings`); rejects with the emulator's message. */
  configure(settings: EmulatorSettings): Promise<void>;
  /**
   * `GET <graphBaseUrl><path>` as a seed app (default `directory-admin`, else the first app), e.g. to check the
   * state a test left: the parsed JSON answer; rejects on a non-2xx naming the status.
   */
  readGraph(path: string, app?: string): Promise<Record<string, unknown>>;
  /**
   * Microsoft adds a service plan to a SKU (`POST /_emulator/skus/{sku}/servicePlans`; the SKU by skuId or part
   * number): it is on for every holder whose paths do not disable it. Resolves to the SKU's plans.
   */
  addServicePlan(
    sku: string,
    plan: { servicePlanName: string; servicePlanId: string },
  ): Promise<{
    skuId: string;
    skuPartNumber: string;
    servicePlans: { servicePlanId: string; servicePlanName: string }[];
  }>;
}

/** Finds a seed app by name or clientId; throws naming it. */
export function findConfigApp(config: EmulatorConfig, ref: string): EmulatorConfigApp {
  const app = config.apps.find((a) => a.name === ref || a.clientId.toLowerCase() === ref.toLowerCase());
  if (!app)
    throw new Error(`the emulator has no app '${ref}' (apps: ${config.apps.map((a) => a.name).join(', ')})`);
  return app;
}

/** Reads an emulator's config and returns a client for its affordances (`ca`: the PEM to trust over HTTPS). */
export async function connectEmulator(url: string, options: { ca?: string } = {}): Promise<EmulatorClient> {
  const origin = url.replace(/\/+$/, '');
  const { ca } = options;
  const config = await callJson<EmulatorConfig>('GET /_emulator/config', `${origin}/_emulator/config`, {
    ca,
  });
  const getToken = (app: string, tokenOptions?: TokenOptions): Promise<string> =>
    requestToken({ url: origin, tenantId: config.tenantId, ca }, findConfigApp(config, app), tokenOptions);
  const reader = (): string => {
    const app = config.apps.find((a) => a.name === 'directory-admin') ?? config.apps[0];
    if (!app) throw new Error('the emulator has no app to read Graph with');
    return app.name;
  };
  return {
    url: origin,
    config,
    getToken,
    async readGraph(path, app) {
      const token = await getToken(app ?? reader());
      return callJson<Record<string, unknown>>(`GET ${path}`, `${config.graphBaseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        ca,
      });
    },
    requests: (since) =>
      callJson<RequestLogEntry[]>(
        'GET /_emulator/requests',
        `${origin}/_emulator/requests${since === undefined ? '' : `?since=${since}`}`,
        { ca },
      ),
    clearRequests: () =>
      callJson<void>('DELETE /_emulator/requests', `${origin}/_emulator/requests`, { method: 'DELETE', ca }),
    addServicePlan: (sku, plan) =>
      callJson(
        `POST /_emulator/skus/${sku}/servicePlans`,
        `${origin}/_emulator/skus/${encodeURIComponent(sku)}/servicePlans`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(plan),
          ca,
        },
      ),
    reset: () => callJson<void>('POST /_emulator/reset', `${origin}/_emulator/reset`, { method: 'POST', ca }),
    configure: (settings) =>
      callJson<void>('POST /_emulator/settings', `${origin}/_emulator/settings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(settings),
        ca,
      }),
  };
}
