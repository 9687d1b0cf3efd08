import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TokenService } from '../identity/token-service.js';
import type { Runtime } from '../runtime.js';

function basicAuth(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const encoded = /^Basic\s+(.+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

function formOf(request: FastifyRequest): Record<string, string | undefined> {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return {};
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body)) out[key] = typeof value === 'string' ? value : undefined;
  return out;
}

/** The Entra endpoints: client-credentials token, OpenID discovery, signing keys, instance discovery. */
export function registerIdentityRoutes(app: FastifyInstance, runtime: Runtime): void {
  const openIdConfiguration = (tenantId: string): Record<string, unknown> => {
    const login = runtime.baseUrl;
    return {
      token_endpoint: `${login}/${tenantId}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${login}/${tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${login}/${tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${runtime.baseUrl}/oidc/userinfo`,
      authorization_endpoint: `${login}/${tenantId}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${login}/${tenantId}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${login}/${tenantId}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'roles', 'appid'],
      kerberos_endpoint: `${login}/${tenantId}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: new URL(login).host,
      cloud_graph_host_name: new URL(login).host,
      msgraph_host: new URL(login).host,
      rbac_url: login,
    };
  };

  const unknownTenant = (tenant: string): Record<string, unknown> => ({
    error: 'invalid_tenant',
    error_description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    error_codes: [90002],
    timestamp: new Date().toISOString(),
    trace_id: crypto.randomUUID(),
    correlation_id: crypto.randomUUID(),
  });

  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    const correlation = request.headers['client-request-id'];
    const result = await runtime.tokens.issue(
      runtime.directory.tenant,
      runtime.directory.apps,
      {
        tenant: request.params.tenant,
        form: formOf(request),
        basicAuth: basicAuth(request.headers.authorization),
        correlationId: typeof correlation === 'string' ? correlation : undefined,
      },
      runtime.baseUrl,
      runtime.tokenLifetimeSeconds,
    );
    reply.header('cache-control', 'no-store, no-cache');
    if (typeof correlation === 'string') reply.header('client-request-id', correlation);
    return reply.code(result.status).send(result.body);
  });

  app.get<{ Params: { tenant: string } }>(
    '/:tenant/v2.0/.well-known/openid-configuration',
    async (request, reply) => {
      const tenant = runtime.directory.tenant;
      if (!TokenService.matchesTenant(tenant, request.params.tenant)) {
        return reply.code(400).send(unknownTenant(request.params.tenant));
      }
      return reply.send(openIdConfiguration(tenant.id));
    },
  );

  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async (_request, reply) =>
    reply.send({ keys: [runtime.tokens.jwk] }),
  );

  // MSAL's instance discovery (skipped by clients configured with disableInstanceDiscovery / knownAuthorities).
  app.get('/common/discovery/instance', async (_request, reply) => {
    const host = new URL(runtime.baseUrl).host;
    return reply.send({
      tenant_discovery_endpoint: `${runtime.baseUrl}/${runtime.directory.tenant.id}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });
}
