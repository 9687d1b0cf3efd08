import type { FastifyInstance } from 'fastify';
import { isGuid } from '../ids.js';
import type { EmulatorSettings } from '../options.js';
import type { Runtime } from '../runtime.js';

export interface EmulatorRouteHooks {
  reset(): void;
  configure(settings: EmulatorSettings): void;
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
      chargeThrottledRequests: runtime.chargeThrottledRequests,
      concurrencyViolations: runtime.concurrencyViolations,
      throttleLimits: runtime.throttler.describe(),
      apps: apps.map((a) => ({
        name: a.name,
        clientId: a.clientId,
        clientSecret: a.clientSecret,
        roles: [...a.roles],
        certificates: a.certificates.map((c) => ({
          thumbprint: c.thumbprint ?? null,
          thumbprintSha256: c.thumbprintSha256 ?? null,
        })),
      })),
    });
  });

  app.post('/_emulator/reset', async (_request, reply) => {
    hooks.reset();
    return reply.code(204).send();
  });

  app.post('/_emulator/settings', async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const settings: EmulatorSettings = {};
    for (const key of Object.keys(body)) {
      const value = body[key];
      if (key === 'throttle' || key === 'faults') {
        if (typeof value !== 'string')
          return reply
            .code(400)
            .send({ error: `${key} must be a spec string, got ${JSON.stringify(value)}` });
        settings[key] = value;
      } else if (key === 'latency') {
        if (typeof value !== 'string' && typeof value !== 'number') {
          return reply
            .code(400)
            .send({ error: `latency must be <ms> or '<min>-<max>', got ${JSON.stringify(value)}` });
        }
        settings.latency = value;
      } else if (key === 'replicationDelay') {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          return reply.code(400).send({
            error: `replicationDelay must be a non-negative number of milliseconds, got ${JSON.stringify(value)}`,
          });
        }
        settings.replicationDelay = value;
      } else if (key === 'concurrencyViolations' || key === 'chargeThrottledRequests') {
        if (typeof value !== 'boolean')
          return reply
            .code(400)
            .send({ error: `${key} must be true or false, got ${JSON.stringify(value)}` });
        settings[key] = value;
      } else {
        return reply.code(400).send({
          error: `unknown setting '${key}' (throttle, faults, latency, concurrencyViolations, chargeThrottledRequests, replicationDelay)`,
        });
      }
    }
    try {
      hooks.configure(settings);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    return reply.code(204).send();
  });

  /**
   * Microsoft adds a service plan to a product while the tenant runs: `{ servicePlanName, servicePlanId }`. The SKU is
   * named by skuId or part number. The plan is on for every holder whose paths do not disable it. 201 and the SKU's
   * plans; `reset` goes back to the seed's plans.
   */
  app.post<{ Params: { sku: string } }>('/_emulator/skus/:sku/servicePlans', async (request, reply) => {
    const directory = runtime.directory;
    directory.advance();
    const ref = request.params.sku.toLowerCase();
    const sku = [...directory.skus.values()].find(
      (s) => s.skuId === ref || s.skuPartNumber.toLowerCase() === ref,
    );
    if (!sku) {
      return reply
        .code(404)
        .send({ error: `sku '${request.params.sku}' is neither a skuId nor a part number of the tenant` });
    }
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const { servicePlanName, servicePlanId } = body;
    if (typeof servicePlanName !== 'string' || servicePlanName.trim() === '') {
      return reply
        .code(400)
        .send({ error: `servicePlanName must be a plan name, got ${JSON.stringify(servicePlanName)}` });
    }
    if (typeof servicePlanId !== 'string' || !isGuid(servicePlanId)) {
      return reply
        .code(400)
        .send({ error: `servicePlanId must be a GUID, got ${JSON.stringify(servicePlanId)}` });
    }
    const id = servicePlanId.toLowerCase();
    if (sku.servicePlans.some((p) => p.servicePlanId === id)) {
      return reply
        .code(409)
        .send({ error: `servicePlanId '${id}' is already a plan of ${sku.skuPartNumber}` });
    }
    directory.addServicePlan(sku, { servicePlanId: id, servicePlanName });
    return reply.code(201).send({
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      servicePlans: sku.servicePlans.map((p) => ({ ...p })),
    });
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
