// Runs in a child process started with NODE_EXTRA_CA_CERTS = the emulator's certificate: a script written
// against Graph's documentation, using Microsoft's own SDKs, with nothing from this repository.
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { Client, GraphError, PageIterator } from '@microsoft/microsoft-graph-client';

const { EMULATOR_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET, CERTIFICATE_PEM, GROUP_ID, BAD_GROUP_ID } =
  process.env;
const out = {};

// 1. Token through the token endpoint, by hand (client credentials, form-encoded).
const form = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET,
  scope: 'https://graph.microsoft.com/.default',
});
const tokenResponse = await fetch(`${EMULATOR_URL}/${TENANT_ID}/oauth2/v2.0/token`, {
  method: 'POST',
  body: form,
});
const { access_token: token } = await tokenResponse.json();

// 2. Token through @azure/identity (MSAL underneath), with the emulator as authority host.
const credential = new ClientSecretCredential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, {
  authorityHost: EMULATOR_URL,
  disableInstanceDiscovery: true,
});
const identityToken = await credential.getToken('https://graph.microsoft.com/.default');
out.identityTokenLength = identityToken.token.length;

// 3. Token through @azure/identity with a certificate (MSAL signs a client_assertion with it).
const certificateCredential = new ClientCertificateCredential(
  TENANT_ID,
  CLIENT_ID,
  { certificate: CERTIFICATE_PEM },
  { authorityHost: EMULATOR_URL, disableInstanceDiscovery: true },
);
const certificateToken = await certificateCredential.getToken('https://graph.microsoft.com/.default');
out.certificateTokenClaims = JSON.parse(
  Buffer.from(certificateToken.token.split('.')[1], 'base64url').toString(),
);

const host = new URL(EMULATOR_URL).hostname;
const client = Client.init({
  baseUrl: `${EMULATOR_URL}/`,
  customHosts: new Set([host]),
  authProvider: (done) => done(null, identityToken.token ?? token),
});

out.skus = (await client.api('/subscribedSkus').get()).value.map((s) => [s.skuPartNumber, s.consumedUnits]);
out.assign = await client
  .api(`/groups/${GROUP_ID}/assignLicense`)
  .version('beta')
  .post({
    addLicenses: [
      {
        disabledPlans: ['113feb6c-3fe4-4440-bddc-54d774bf0318', '14ab5db5-e6c4-4b20-b4bc-13e36fd2227f'],
        skuId: 'b05e124f-c7cc-45a0-a6aa-8cf78c946968',
      },
    ],
    removeLicenses: [],
  });
out.group = await client
  .api(`/groups/${GROUP_ID}`)
  .select(['id', 'assignedLicenses', 'licenseProcessingState'])
  .get();

try {
  await client.api(`/groups/${BAD_GROUP_ID}/assignLicense`).post({ addLicenses: [], removeLicenses: [] });
  out.error = 'no error';
} catch (error) {
  out.error =
    error instanceof GraphError ? { statusCode: error.statusCode, code: error.code } : String(error);
}

const seen = [];
const first = await client.api('/users').select(['id']).top(9).get();
await new PageIterator(client, first, (user) => {
  seen.push(user.id);
  return true;
}).iterate();
out.pagedUsers = seen.length;

const counted = await client
  .api('/users')
  .header('ConsistencyLevel', 'eventual')
  .query({ $count: 'true' })
  .filter('assignedLicenses/$count eq 0')
  .select(['id'])
  .get();
out.unlicensedCount = counted['@odata.count'];

process.stdout.write(JSON.stringify(out));
