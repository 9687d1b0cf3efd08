import { GraphError, invalidOption, parseRetryAfter } from '../errors.js';
import type { FetchLike } from '../fetch.js';
import { isGuid, isTenantId } from '../ids.js';
import type { TokenSource } from './token-source.js';

/** Refresh this long before expiry (or at half the lifetime for short-lived tokens). */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;

/** Checks the tenant and client id of app-only credentials, before any request. */
export function validateAppIdentity(c: { tenantId?: unknown; clientId?: unknown }): void {
  if (!isTenantId(c.tenantId)) {
    throw invalidOption(
      `credentials.tenantId must be a tenant GUID or a domain name such as contoso.onmicrosoft.com, got ${JSON.stringify(c.tenantId)}`,
    );
  }
  if (!isGuid(c.clientId)) {
    throw invalidOption(
      `credentials.clientId must be the application (client) GUID, got ${JSON.stringify(c.clientId)}`,
    );
  }
}

/** How the app proves who it is in the token request: a client secret or a signed client assertion. */
export interface ClientAuthentication {
  /** The form fields that authenticate the client (`client_secret`, or `client_assertion_type` and `client_assertion`). */
  formFields(tokenUrl: string, nowMs: number): Promise<Record<string, string>>;
  /** Texts that must never reach an error message (the secret). */
  readonly secrets: readonly string[];
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
 * expires; concurrent callers share one request. The client authenticates with a secret or a certificate.
 */
export class ClientCredentialsTokenSource implements TokenSource {
  private cached: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly tokenUrl: string;

  constructor(
    private readonly identity: { tenantId: string; clientId: string },
    private readonly authentication: ClientAuthentication,
    loginOrigin: string,
    private readonly scope: string,
    private readonly fetchImpl: FetchLike,
    private readonly now: () => number = Date.now,
  ) {
    validateAppIdentity(identity);
    this.tokenUrl = `${loginOrigin}/${encodeURIComponent(identity.tenantId)}/oauth2/v2.0/token`;
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
    return this.authentication.secrets.reduce((t, secret) => t.split(secret).join('[redacted]'), text);
  }

  private async requestToken(): Promise<string> {
    const started = this.now();
    const body = new URLSearchParams({
      client_id: this.identity.clientId,
      scope: this.scope,
      ...(await this.authentication.formFields(this.tokenUrl, started)),
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
      if (err instanceof GraphError) throw err; // the request deadline (Timeout) names the host and the wait
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
          `The token request for client ${this.identity.clientId} in tenant ${this.identity.tenantId} failed (HTTP ${response.status})${description ? `: ${description}` : ''}`,
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
