import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;

describe('identity: token endpoint, discovery, authentication and authorization', () => {
  const h = useEmulator({}, false);

  async function token(tenant: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(`${h.emulator.url}/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const admin = ids.apps.licensingAdmin;
  const form = (extra: Record<string, string> = {}) => ({
    grant_type: 'client_credentials',
    client_id: admin.clientId,
    client_secret: admin.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
    ...extra,
  });

  it('issues a signed JWT with roles, tid, appid, aud and expiry for the tenant id or its domain', async () => {
    for (const tenant of [ids.tenantId, ids.tenantDomain]) {
      const answer = await token(tenant, form());
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
      const jwt = String(answer.body.access_token);
      expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
      const claims = decodeJwt(jwt);
      expect(claims).toMatchObject({
        tid: ids.tenantId,
        appid: admin.clientId,
        aud: 'https://graph.microsoft.com',
      });
      expect(claims.roles).toContain('LicenseAssignment.ReadWrite.All');
      expect(Number(claims.exp) - Math.floor(Date.now() / 1000)).toBeGreaterThan(3500);
    }
  });

  it("accepts the emulator's own origin as resource (<url>/.default) and client_secret_basic", async () => {
    const own = await token(ids.tenantId, form({ scope: `${h.emulator.url}/.default` }));
    expect(own.status).toBe(200);
    expect(decodeJwt(String(own.body.access_token)).aud).toBe(h.emulator.url);
    const basic = Buffer.from(`${admin.clientId}:${admin.clientSecret}`).toString('base64');
    const answer = await token(
      ids.tenantId,
      { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' },
      { authorization: `Basic ${basic}` },
    );
    expect(answer.status).toBe(200);
  });

  it('answers a wrong secret with 401 invalid_client in the Entra error format, without echoing the secret', async () => {
    const answer = await token(ids.tenantId, form({ client_secret: 'wrong-secret-value' }));
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('invalid_client');
    expect(String(answer.body.error_description)).toMatch(/^AADSTS7000215: /);
    expect(answer.body.error_codes).toEqual([7000215]);
    expect(answer.body).toHaveProperty('timestamp');
    expect(answer.body).toHaveProperty('trace_id');
    expect(answer.body).toHaveProperty('correlation_id');
    expect(JSON.stringify(answer.body)).not.toContain('wrong-secret-value');
  });

  it('answers an unknown tenant with 400, an unknown client and a bad scope with AADSTS errors', async () => {
    const tenant = await token('fabrikam.onmicrosoft.com', form());
    expect(tenant.status).toBe(400);
    expect(String(tenant.body.error_description)).toMatch(
      /^AADSTS90002: Tenant 'fabrikam.onmicrosoft.com' not found/,
    );
    const client = await token(ids.tenantId, form({ client_id: '00000000-0000-0000-0000-000000000001' }));
    expect(client.status).toBe(400);
    expect(client.body.error).toBe('unauthorized_client');
    const scope = await token(ids.tenantId, form({ scope: 'https://graph.microsoft.com/User.Read' }));
    expect(scope.status).toBe(400);
    expect(scope.body.error).toBe('invalid_scope');
    const grant = await token(ids.tenantId, form({ grant_type: 'password' }));
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
  });

  it('publishes the OpenID configuration and the signing keys beside the token endpoint', async () => {
    const response = await fetch(
      `${h.emulator.url}/${ids.tenantDomain}/v2.0/.well-known/openid-configuration`,
    );
    expect(response.status).toBe(200);
    const config = (await response.json()) as Record<string, string>;
    expect(config.token_endpoint).toBe(`${h.emulator.url}/${ids.tenantId}/oauth2/v2.0/token`);
    expect(config.issuer).toBe(`${h.emulator.url}/${ids.tenantId}/v2.0`);
    const keys = (await (await fetch(config.jwks_uri!)).json()) as { keys: { kty: string }[] };
    expect(keys.keys[0]?.kty).toBe('RSA');
    const unknown = await fetch(`${h.emulator.url}/fabrikam.com/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
  });

  it('refuses Graph calls without a valid, unexpired token with 401 InvalidAuthenticationToken', async () => {
    const call = (authorization?: string) =>
      fetch(`${h.emulator.url}/v1.0/subscribedSkus`, { headers: authorization ? { authorization } : {} });
    const cases: [string | undefined, RegExp][] = [
      [undefined, /Access token is empty/],
      ['Bearer not-a-jwt', /not well formed/],
      [`Bearer ${await h.emulator.mintToken('licensing-admin', { expiresInSeconds: -60 })}`, /expired/],
      [
        `Bearer ${await h.emulator.mintToken('licensing-admin', { audience: 'https://management.azure.com' })}`,
        /audience/,
      ],
    ];
    for (const [authorization, message] of cases) {
      const response = await call(authorization);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('InvalidAuthenticationToken');
      expect(body.error.message).toMatch(message);
    }
    const forged = (await h.token()).split('.');
    const tampered = `${forged[0]}.${Buffer.from(JSON.stringify({ ...decodeJwt(await h.token()), roles: ['Directory.ReadWrite.All'] })).toString('base64url')}.${forged[2]}`;
    expect((await call(`Bearer ${tampered}`)).status).toBe(401);
  });

  it('answers 403 Authorization_RequestDenied when the token lacks the role', async () => {
    const noRoles = await h.emulator.mintToken('licensing-admin', { roles: [] });
    const response = await fetch(`${h.emulator.url}/v1.0/subscribedSkus`, {
      headers: { authorization: `Bearer ${noRoles}` },
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('Authorization_RequestDenied');
    const reader = await h.graph('GET', '/subscribedSkus', { app: 'licensing-reader' });
    expect(reader.status).toBe(200);
  });

  it('puts request-id on every answer and echoes client-request-id', async () => {
    const ok = await h.graph('GET', '/subscribedSkus', {
      headers: { 'client-request-id': 'my-correlation-1' },
    });
    expect(ok.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('client-request-id')).toBe('my-correlation-1');
    const error = await h.graph('GET', '/groups/nope', {
      headers: { 'client-request-id': 'my-correlation-2' },
    });
    expect(error.headers.get('client-request-id')).toBe('my-correlation-2');
    expect(error.body.error.innerError).toMatchObject({
      'request-id': error.headers.get('request-id'),
      'client-request-id': 'my-correlation-2',
    });
    expect(error.body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });
});
