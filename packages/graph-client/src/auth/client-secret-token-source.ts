import { GraphError, parseRetryAfter } from '../errors.js';
import type { FetchLike } from '../fetch.js';
import type { ClientSecretCredentials } from './credentials.js';
import type { TokenSource } from './token-source.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Refresh this long before expiry (or at half the lifetime for short-lived tokens). */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;

function invalid(message: string): GraphError {
  return new GraphError({ kind: 'refused', code: 'InvalidOption', message });
}

/** Validates client-secret credentials locally, before any request. Never echoes the secret. */
export function validateClientSecretCredentials(c: ClientSecretCredentials): void {
  if (typeof c.tenantId !== 'string' || !(GUID.test(c.tenantId) || DOMAIN.test(c.tenantId))) {
    throw invalid(
      `credentials.tenantId must be a tenant GUID or a domain name such as contoso.onmicrosoft.com, got ${JSON.stringify(c.tenantId)}`,
    );
  }
  if (typeof c.clientId !== 'string' || !GUID.test(c.clientId)) {
    throw invalid(
      `credentials.clientId must be the application (client) GUID, got ${JSON.stringify(c.clientId)}`,
    );
  }
  if (typeof c.clientSecret !== 'string' || c.clientSecret.trim() === '') {
    throw invalid('credentials.clientSecret must be a non-empty string');
  }
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
  trace_id?: unknown;
  correlation_id?: unknown;
}

/**
 * Client-credentials token from `{login}/{tenant}/oauth2/v2.0/token`, cached until shortly before it
 * expires; concurrent callers share one request.
 */
export class ClientSecretTokenSource implements TokenSource {
  private cached: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly tokenUrl: string;

  constructor(
    private readonly credentials: ClientSecretCredentials,
    loginOrigin: string,
    private readonly scope: string,
    private readonly fetchImpl: FetchLike,
    private readonly now: () => number = Date.now,
  ) {
    validateClientSecretCredentials(credentials);
    this.tokenUrl = `${loginOrigin}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
  }

  async getToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private redact(text: string): string {
    return text.split(this.credentials.clientSecret).join('[redacted]');
  }

  private async requestToken(): Promise<string> {
    const started = this.now();
    const body = new URLSearchParams({
      client_id: this.credentials.clientId,
      scope: this.scope,
      client_secret: this.credentials.clientSecret,
      grant_type: 'client_credentials',
    });
    let response: Response;
    try {
      response = await this.fetchImpl(this.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
      });
    } catch (err) {
      const code = (err as { cause?: { code?: unknown } })?.cause?.code;
      throw new GraphError({
        kind: 'network',
        code: typeof code === 'string' ? code : 'NetworkError',
        message: `The token request to ${this.tokenUrl} failed before a response was received`,
      });
    }
    const text = await response.text();
    let json: TokenResponse = {};
    try {
      json = JSON.parse(text) as TokenResponse;
    } catch {
      // not JSON: reported below
    }
    if (!response.ok || typeof json.access_token !== 'string') {
      const description =
        typeof json.error_description === 'string' ? json.error_description.split(/\r?\n/)[0] : '';
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
      throw new GraphError({
        kind: 'token',
        status: response.status,
        code: typeof json.error === 'string' ? json.error : `HTTP${response.status}`,
        message: this.redact(
          `The token request for client ${this.credentials.clientId} in tenant ${this.credentials.tenantId} failed (HTTP ${response.status})${description ? `: ${description}` : ''}`,
        ),
        ...(typeof json.trace_id === 'string' ? { requestId: json.trace_id } : {}),
        ...(typeof json.correlation_id === 'string' ? { clientRequestId: json.correlation_id } : {}),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
    }
    const lifetimeMs = (Number(json.expires_in) > 0 ? Number(json.expires_in) : 3600) * 1000;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.cached = { token: json.access_token, refreshAt: started + lifetimeMs - margin };
    return json.access_token;
  }
}
