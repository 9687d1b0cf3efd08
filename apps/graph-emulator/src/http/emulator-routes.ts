import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime.js';

export interface EmulatorRouteHooks {
  reset(): void;
}

/** Test affordances, only under `/_emulator/…` (no authentication). */
export function registerEmulatorRoutes(
  app: FastifyInstance,
  runtime: Runtime,
  hooks: EmulatorRouteHooks,
): void {
  app.get('/_emulator/config', async (_request, reply) => {
    const { tenant, apps } = runtime.directory;
    return reply.send({
      tenantId: tenant.id,
      tenantDomain: tenant.domain,
      graphBaseUrl: `${runtime.baseUrl}/v1.0`,
      betaGraphBaseUrl: `${runtime.baseUrl}/beta`,
      loginBaseUrl: runtime.baseUrl,
      tokenEndpoint: `${runtime.baseUrl}/${tenant.id}/oauth2/v2.0/token`,
      scope: 'https://graph.microsoft.com/.default',
      timeScale: runtime.timeScale,
      apps: apps.map((a) => ({
        name: a.name,
        clientId: a.clientId,
        clientSecret: a.clientSecret,
        roles: [...a.roles],
      })),
    });
  });

  app.post('/_emulator/reset', async (_request, reply) => {
    hooks.reset();
    return reply.code(204).send();
  });

  app.get<{ Querystring: { since?: string } }>('/_emulator/requests', async (request, reply) => {
    const since = Number(request.query.since ?? 0);
    const entries = runtime.log.list();
    return reply.send(since > 0 ? entries.filter((e) => e.seq > since) : entries);
  });

  app.delete('/_emulator/requests', async (_request, reply) => {
    runtime.log.clear();
    return reply.code(204).send();
  });
}
