import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';
import type { App, Tenant } from '../model/types.js';
import { verifyClientAssertion } from './client-assertion.js';
import { type EntraError, entraError, missingParameter } from './entra-errors.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

let sharedKeyPair: Promise<KeyPair> | undefined;

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  azp: string;
  roles: string[];
  exp: number;
  iat: number;
}

export type TokenVerification = { ok: true; claims: AccessTokenClaims } | { ok: false; message: string };

export interface TokenRequest {
  tenant: string;
  form: Record<string, string | undefined>;
  basicAuth?: { clientId: string; clientSecret: string };
  correlationId?: string;
}

/** The `aud` values that name a tenant's token endpoint: the emulator's own and Entra's, v2.0 and v1. */
export function tokenEndpointAudiences(baseUrl: string, tenants: readonly string[]): string[] {
  const out: string[] = [];
  for (const origin of [baseUrl, 'https://login.microsoftonline.com']) {
    for (const tenant of tenants)
      out.push(`${origin}/${tenant}/oauth2/v2.0/token`, `${origin}/${tenant}/oauth2/token`);
  }
  return out;
}

/** Client-credentials token issuance and verification, with an RS256 key generated at start. */
export class TokenService {
  private readonly cache = new Map<string, AccessTokenClaims>();
  /** Spent assertion ids (`<clientId>|<jti>`) → when they expire (epoch ms). */
  private readonly spentJtis = new Map<string, number>();

  private constructor(
    private readonly privateKey: KeyPair['privateKey'],
    private readonly publicKey: KeyPair['publicKey'],
    readonly jwk: JWK,
    readonly keyId: string,
  ) {}

  static async create(): Promise<TokenService> {
    // RSA key generation takes a few hundred ms: emulators of one process share a key (each still checks its tenant).
    sharedKeyPair ??= generateKeyPair('RS256', { extractable: true });
    const { privateKey, publicKey } = await sharedKeyPair;
    const keyId = randomUUID().replace(/-/g, '').slice(0, 27);
    const jwk = { ...(await exportJWK(publicKey)), kid: keyId, use: 'sig', alg: 'RS256' };
    return new TokenService(privateKey, publicKey, jwk, keyId);
  }

  /** True when `tenant` (GUID or domain) names the emulated tenant. */
  static matchesTenant(tenant: Tenant, value: string): boolean {
    const v = value.toLowerCase();
    return v === tenant.id || v === tenant.domain.toLowerCase();
  }

  async issue(
    tenant: Tenant,
    apps: readonly App[],
    request: TokenRequest,
    baseUrl: string,
    lifetimeSeconds: number,
  ): Promise<{ status: 200; body: Record<string, unknown> } | EntraError> {
    const { form, correlationId } = request;
    if (!TokenService.matchesTenant(tenant, request.tenant)) {
      return entraError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${request.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        correlationId,
      );
    }
    const grantType = form.grant_type;
    if (!grantType) {
      return missingParameter('grant_type', correlationId);
    }
    if (grantType !== 'client_credentials') {
      return entraError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType}'. This emulator supports client_credentials only.`,
        correlationId,
      );
    }
    const clientId = form.client_id ?? request.basicAuth?.clientId;
    const clientSecret = form.client_secret ?? request.basicAuth?.clientSecret;
    if (!clientId) {
      return missingParameter('client_id', correlationId);
    }
    const app = apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    if (!app) {
      return entraError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
        correlationId,
      );
    }
    if (form.client_assertion !== undefined || form.client_assertion_type !== undefined) {
      const refused = await verifyClientAssertion(form, {
        app,
        audiences: tokenEndpointAudiences(baseUrl, [request.tenant, tenant.id, tenant.domain]),
        rememberJti: (jti, expiresAtMs) => this.rememberJti(app.clientId, jti, expiresAtMs),
        correlationId,
        now: Date.now(),
      });
      if (refused) return refused;
    } else if (!clientSecret) {
      return entraError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        correlationId,
      );
    } else if (clientSecret !== app.clientSecret) {
      return entraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
        correlationId,
      );
    }
    const scope = form.scope;
    if (!scope) {
      return missingParameter('scope', correlationId);
    }
    const resources = [GRAPH_RESOURCE, baseUrl];
    const audience = resources.find((r) => scope === `${r}/.default` || scope === `${r}//.default`);
    if (!audience) {
      const text = scope.endsWith('/.default')
        ? `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. The resource is not the emulated Microsoft Graph (use ${GRAPH_RESOURCE}/.default or ${baseUrl}/.default).`
        : `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`;
      return entraError(
        400,
        'invalid_scope',
        scope.endsWith('/.default') ? 70011 : 1002012,
        text,
        correlationId,
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await this.sign(
      {
        aud: audience,
        iss: `https://sts.windows.net/${tenant.id}/`,
        tid: tenant.id,
        appid: app.clientId,
        azp: app.clientId,
        roles: [...app.roles],
        iat: now,
        exp: now + lifetimeSeconds,
      },
      app,
    );
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: lifetimeSeconds,
        ext_expires_in: lifetimeSeconds,
        access_token: accessToken,
      },
    };
  }

  /** Records an assertion's `jti`; false when it was already used (and has not expired since). */
  private rememberJti(clientId: string, jti: string, expiresAtMs: number): boolean {
    const key = `${clientId.toLowerCase()}|${jti}`;
    const now = Date.now();
    const seen = this.spentJtis.get(key);
    if (seen !== undefined && seen > now) return false;
    if (this.spentJtis.size > 10_000) {
      for (const [k, expiry] of this.spentJtis) if (expiry <= now) this.spentJtis.delete(k);
    }
    this.spentJtis.set(key, expiresAtMs);
    return true;
  }

  /** Signs a token for an app directly (a test affordance; expiry may be in the past). */
  async sign(claims: AccessTokenClaims, app: App): Promise<string> {
    return new SignJWT({
      tid: claims.tid,
      appid: claims.appid,
      azp: claims.azp,
      roles: claims.roles,
      idtyp: 'app',
      oid: app.clientId,
      ver: '1.0',
      app_displayname: app.name,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keyId })
      .setAudience(claims.aud)
      .setIssuer(claims.iss)
      .setSubject(app.clientId)
      .setIssuedAt(claims.iat)
      .setNotBefore(claims.iat)
      .setExpirationTime(claims.exp)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  /** Verifies a bearer token for the emulated Graph (signature, audience, tenant, expiry). */
  async verify(token: string, tenant: Tenant, baseUrl: string): Promise<TokenVerification> {
    const cached = this.cache.get(token);
    if (cached) {
      if (cached.exp * 1000 <= Date.now())
        return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
      return { ok: true, claims: cached };
    }
    if (token.split('.').length !== 3) {
      return { ok: false, message: 'IDX14100: JWT is not well formed, there are no dots (.).' };
    }
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { audience: [GRAPH_RESOURCE, baseUrl] });
      if (payload.tid !== tenant.id)
        return { ok: false, message: 'Access token validation failure. Invalid tenant.' };
      const claims = payload as unknown as AccessTokenClaims;
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token, claims);
      return { ok: true, claims };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED')
        return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
        return { ok: false, message: 'Access token validation failure. Invalid audience.' };
      }
      return { ok: false, message: 'Access token validation failure.' };
    }
  }
}
