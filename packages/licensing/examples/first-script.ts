import { createGraphClient } from '@entra-licensing/graph-client';
import { startEmulator } from '@entra-licensing/graph-emulator';
import { createLicensingService } from '@entra-licensing/licensing';

// A local stand-in for Microsoft Graph. For your tenant: leave it out, and the three URL options below too.
const emulator = await startEmulator({ timeScale: 100 });
const app = emulator.apps.find((a) => a.name === 'licensing-admin')!; // your app registration's id and secret
const client = createGraphClient({
  credentials: { tenantId: emulator.tenantId, clientId: app.clientId, clientSecret: app.clientSecret! },
  ...{ baseUrl: emulator.url, loginBaseUrl: emulator.url, scope: `${emulator.url}/.default` },
});
const licensing = createLicensingService({ client });

const [sales] = (await client.groups.get({ queryParameters: { filter: "displayName eq 'Sales'" } }))!.value!;
const result = await licensing.assign({ kind: 'group', id: sales!.id! }, ['Microsoft 365 E5']);
console.log(result.planText);
const report = await licensing.waitForGroupProcessing(sales!.id!);
console.log(`${report.state}; ${report.membersWithErrors.length} member(s) in error, e.g.:`);
const [first] = report.membersWithErrors;
const why = first?.errors.find((e) => e.error !== 'Other'); // the cause (Graph marks the rest 'Other')
console.log(`${first?.userPrincipalName}: ${why?.error}. ${why?.explanation} ${why?.remediation}`);
await emulator.stop();
