// Throughput of the emulator on this machine: requests/s for GET /subscribedSkus and POST group assignLicense.
// Usage: node bench/throughput.mjs [--duration <s>] [--connections <n>] [--json]
// Starts the built bin (dist/cli.js) in its own process with throttling off, so that the load generator
// (autocannon) does not share its event loop, and prints one line per scenario (or JSON with --json).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    json: { type: 'boolean', default: false },
  },
});
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

function startEmulator() {
  const child = spawn(process.execPath, [cli, '--port', '0', '--throttle', 'off'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /graph-emulator listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}`)));
  });
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon(
      { connections: Number(values.connections), duration: Number(values.duration), ...options },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const { url, child } = await startEmulator();
try {
  const config = await (await fetch(`${url}/_emulator/config`)).json();
  const app = config.apps.find((a) => a.roles.includes('LicenseAssignment.ReadWrite.All'));
  const tokenResponse = await fetch(`${url}/${config.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const { access_token: token } = await tokenResponse.json();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const group = '1132b215-826f-42a9-8cfe-1643d19d17fd';
  const scenarios = [
    { name: 'GET /v1.0/subscribedSkus', url: `${url}/v1.0/subscribedSkus`, method: 'GET', headers },
    {
      name: 'GET /v1.0/groups/{id}?$select=id,licenseProcessingState',
      url: `${url}/v1.0/groups/${group}?$select=id,licenseProcessingState`,
      method: 'GET',
      headers,
    },
    {
      name: 'POST /v1.0/groups/{id}/assignLicense',
      url: `${url}/v1.0/groups/${group}/assignLicense`,
      method: 'POST',
      headers,
      body: JSON.stringify({
        addLicenses: [{ skuId: 'b05e124f-c7cc-45a0-a6aa-8cf78c946968', disabledPlans: [] }],
        removeLicenses: [],
      }),
    },
  ];
  const results = [];
  for (const { name, ...options } of scenarios) {
    await fetch(`${url}/_emulator/reset`, { method: 'POST' });
    const r = await run(options);
    const ok = r['2xx'];
    results.push({
      scenario: name,
      requestsPerSecond: Math.round(ok / r.duration),
      latencyP50Ms: r.latency.p50,
      latencyP99Ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      connections: r.connections,
      durationSeconds: r.duration,
    });
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else
    for (const r of results)
      console.log(
        `${r.scenario}: ${r.requestsPerSecond} req/s (p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, ${r.connections} connections, non-2xx ${r.non2xx}, errors ${r.errors})`,
      );
} finally {
  child.kill('SIGTERM');
}
