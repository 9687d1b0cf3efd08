import { createGraphClient, type GraphClient, type GraphClientOptions } from '../create-graph-client.js';
import {
  type CaptureServer,
  CLIENT_ID,
  type Handler,
  SECRET,
  startCaptureServer,
  TENANT,
} from './capture-server.js';

/** A capture server that also serves tokens, and a client-secret client pointed at it for Graph and login. */
export async function startServerWithClient(
  handler?: Handler,
  options: Partial<GraphClientOptions> = {},
): Promise<{ server: CaptureServer; client: GraphClient }> {
  const server = await startCaptureServer(handler);
  const client = createGraphClient({
    baseUrl: server.origin,
    loginBaseUrl: server.origin,
    credentials: { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET },
    ...options,
  });
  return { server, client };
}
