// Runs in a fresh `node --expose-gc` process: loads one subject, creates its client and prints what that cost.
// Plain JavaScript on purpose, so that no TypeScript loader is part of what is measured.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const base = 'http://127.0.0.1:9/v1.0';
const token = async () => 'cold-start-probe-token';

/** Each subject: load its modules, then create a client ready to send an assignLicense request. */
const subjects = {
  baseline: {
    load: async () => ({}),
    create: () => ({}),
  },
  ours: {
    load: async () => ({
      graph: await import('@entra-licensing/graph-client'),
      licensing: await import('@entra-licensing/licensing'),
    }),
    create: ({ graph, licensing }) => {
      const client = graph.createGraphClient({
        credentials: {
          tenantId: 'e8e96c2a-d787-4eb1-98d7-9e57c965f1de',
          clientId: '11111111-1111-4111-8111-111111111111',
          clientSecret: 'cold-start-probe-secret',
        },
        baseUrl: 'http://127.0.0.1:9',
        loginBaseUrl: 'http://127.0.0.1:9',
      });
      return licensing.createLicensingService ? licensing.createLicensingService({ client }) : client;
    },
  },
  'msgraph-sdk': {
    load: async () => {
      const sdk = await import('@microsoft/msgraph-sdk');
      await import('@microsoft/msgraph-sdk-users');
      const kiota = await import('@microsoft/kiota-abstractions');
      return { sdk, kiota };
    },
    create: ({ sdk, kiota }) => {
      const auth = new kiota.BaseBearerTokenAuthenticationProvider({
        getAuthorizationToken: token,
        getAllowedHostsValidator: () => new kiota.AllowedHostsValidator(new Set(['127.0.0.1:9'])),
      });
      const adapter = new sdk.GraphRequestAdapter(auth);
      adapter.baseUrl = base;
      const client = sdk.createGraphServiceClient(adapter);
      // Touch the request builder used by the bulk benchmark so that its lazy parts load too.
      return client.users.byUserId('00000000-0000-0000-0000-000000000000').assignLicense;
    },
  },
  'microsoft-graph-client': {
    load: async () => import('@microsoft/microsoft-graph-client'),
    create: (mod) => {
      const client = mod.Client.init({
        baseUrl: 'http://127.0.0.1:9/',
        authProvider: (done) => done(null, 'cold-start-probe-token'),
      });
      return client.api('/groups/00000000-0000-0000-0000-000000000000/assignLicense');
    },
  },
  'n8n-node': {
    // n8n require()s every node and credential file an installed package lists, at start. n8n-workflow (a peer
    // dependency that n8n itself has loaded by then) is loaded before the measurement.
    preload: () => createRequire(process.env.N8N_NODE_PACKAGE)('n8n-workflow'),
    load: async () => {
      const pkg = require(process.env.N8N_NODE_PACKAGE);
      const dir = process.env.N8N_NODE_PACKAGE.replace(/package\.json$/, '');
      return [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => require(dir + file));
    },
    create: (mods) =>
      mods.map((mod) => {
        const Type = Object.values(mod).find((v) => typeof v === 'function');
        return Type ? new Type() : undefined;
      }),
  },
};

const name = process.argv[2];
const subject = subjects[name];
if (!subject) {
  console.error(`unknown subject ${name}; known: ${Object.keys(subjects).join(', ')}`);
  process.exit(2);
}

subject.preload?.();
globalThis.gc();
const before = process.memoryUsage();
const t0 = performance.now();
const modules = await subject.load();
const t1 = performance.now();
const kept = subject.create(modules);
const t2 = performance.now();
globalThis.gc();
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    subject: name,
    importMs: t1 - t0,
    createMs: t2 - t1,
    totalMs: t2 - t0,
    rssDeltaBytes: after.rss - before.rss,
    heapDeltaBytes: after.heapUsed - before.heapUsed,
    rssBytes: after.rss,
    kept: kept !== undefined,
  })}\n`,
);
