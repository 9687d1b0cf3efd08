import { createHash, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { importPKCS8, type JWTHeaderParameters, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator.js';
import { defaultSeed } from './seed/default-seed.js';
import { resolveSeed, SeedError } from './seed/load-seed.js';
import { testCertificate } from './test-certificate.js';
import { useEmulator } from './test-support/harness.js';

// Sources for every AADSTS answer below (codes, `error`, texts quoted from Entra's answers):
// - learn.microsoft.com/entra/identity-platform/certificate-credentials: the assertion's header (alg, x5t / x5t#S256)
//   and claims (aud = token endpoint, iss = sub = client id, jti, nbf, exp).
// - learn.microsoft.com/azure/developer/java/sdk/troubleshooting-authentication-service-principal: AADSTS700027
//   (invalid signature), AADSTS700021 (iss/sub ≠ client_id), AADSTS700023 (audience), AADSTS700024 (time range).
// - Entra answers quoted in AzureAD/microsoft-authentication-library-for-dotnet #4951 and -java #984 (700024's text),
//   #124 (AADSTS50027 "No certificate thumbprint specified in token header."), #2938 (AADSTS700026),
//   #4712 (AADSTS5002730, invalid_request); AzureAD/passport-azure-ad #453 and msgraph-sdk-php #1585 (700027's
//   "[Reason - …, Thumbprint of key used by client: …]"); Azure/azure-sdk-for-java #25109.

const { ids } = defaultSeed;
const admin = ids.apps.licensingAdmin;
const x5t = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

interface AssertionOptions {
  alg?: 'RS256' | 'PS256' | 'HS256';
  header?: Partial<JWTHeaderParameters>;
  claims?: Record<string, unknown>;
  omit?: string[];
  privateKeyPem?: string;
}

describe('token endpoint: certificate credentials (client_assertion)', () => {
  const h = useEmulator({}, false);
  const tokenEndpoint = () => `${h.emulator.url}/${ids.tenantId}/oauth2/v2.0/token`;

  /** Builds the assertion as MSAL does: PS256 + x5t#S256 (MSAL Node ≥ 2), aud = token endpoint, iss = sub, 10 min. */
  async function assertion(options: AssertionOptions = {}): Promise<string> {
    const alg = options.alg ?? 'PS256';
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: tokenEndpoint(),
      iss: admin.clientId,
      sub: admin.clientId,
      jti: randomUUID(),
      nbf: now,
      exp: now + 600,
      ...options.claims,
    };
    for (const name of options.omit ?? []) delete claims[name];
    const header: JWTHeaderParameters = {
      alg,
      typ: 'JWT',
      ...(alg === 'PS256'
        ? { 'x5t#S256': x5t(testCertificate.thumbprintSha256) }
        : { x5t: x5t(testCertificate.thumbprint) }),
      ...options.header,
    };
    const key =
      alg === 'HS256'
        ? new TextEncoder().encode('a-shared-secret-of-at-least-thirty-two-bytes')
        : await importPKCS8(options.privateKeyPem ?? testCertificate.privateKeyPem, alg);
    return new SignJWT(claims).setProtectedHeader(header).sign(key);
  }

  async function token(form: Record<string, string>) {
    const response = await fetch(tokenEndpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: admin.clientId,
        scope: 'https://graph.microsoft.com/.default',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        ...form,
      }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    const description = typeof body.error_description === 'string' ? body.error_description : '';
    return {
      status: response.status,
      body,
      error: body.error,
      codes: body.error_codes,
      /** The description before Entra's "Trace ID: … Correlation ID: … Timestamp: …" tail. */
      text: description.split(' Trace ID: ')[0] ?? '',
    };
  }

  it('a PS256 assertion naming the certificate by x5t#S256 gets a token that Graph accepts', async () => {
    const answer = await token({ client_assertion: await assertion() });
    expect(answer.status).toBe(200);
    expect(answer.body.token_type).toBe('Bearer');
    const skus = await fetch(`${h.emulator.url}/v1.0/subscribedSkus`, {
      headers: { authorization: `Bearer ${String(answer.body.access_token)}` },
    });
    expect(skus.status).toBe(200);
  });

  it('an RS256 assertion naming the certificate by x5t (SHA-1) gets a token too', async () => {
    const answer = await token({ client_assertion: await assertion({ alg: 'RS256' }) });
    expect(answer.status).toBe(200);
  });

  it('accepts the audience with the tenant domain, and an expiry within the 5-minute clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const answer = await token({
      client_assertion: await assertion({
        claims: {
          aud: `${h.emulator.url}/${ids.tenantDomain}/oauth2/v2.0/token`,
          nbf: now - 700,
          exp: now - 100,
        },
      }),
    });
    expect(answer.status).toBe(200);
  });

  it('a signature by another key, for a registered thumbprint → 401 invalid_client AADSTS700027', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const answer = await token({
      client_assertion: await assertion({
        privateKeyPem: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }),
    });
    expect(answer.status).toBe(401);
    expect(answer.error).toBe('invalid_client');
    expect(answer.codes).toEqual([700027]);
    expect(answer.text).toMatch(
      /^AADSTS700027: Client assertion contains an invalid signature\. \[Reason - Key was found, but use of the key to verify the signature failed\., Thumbprint of key used by client: '[0-9A-F]{64}', Found key 'Start=\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d, End=\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d'/,
    );
    expect(answer.text).toContain(`'${testCertificate.thumbprintSha256}'`);
  });

  it('a certificate the app does not have → 401 invalid_client AADSTS700027 "The key was not found."', async () => {
    const unknown = createHash('sha1').update('not registered').digest('hex').toUpperCase();
    const answer = await token({
      client_assertion: await assertion({ alg: 'RS256', header: { x5t: x5t(unknown) } }),
    });
    expect(answer.status).toBe(401);
    expect(answer.error).toBe('invalid_client');
    expect(answer.codes).toEqual([700027]);
    expect(
      answer.text.startsWith(
        `AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${unknown}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${admin.clientId}'.`,
      ),
    ).toBe(true);
  });

  it('an expired assertion (beyond the clock skew) → 401 invalid_client AADSTS700024 with Entra’s times', async () => {
    const now = Math.floor(Date.now() / 1000);
    const answer = await token({
      client_assertion: await assertion({ claims: { nbf: now - 1200, exp: now - 600 } }),
    });
    expect(answer.status).toBe(401);
    expect(answer.error).toBe('invalid_client');
    expect(answer.codes).toEqual([700024]);
    const from = `${new Date((now - 1200) * 1000).toISOString().slice(0, 19)}.0000000Z`;
    const to = `${new Date((now - 600) * 1000).toISOString().slice(0, 19)}.0000000Z`;
    expect(answer.text).toMatch(
      new RegExp(
        `^AADSTS700024: Client assertion is not within its valid time range\\. Current time: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z, assertion valid from ${from.replace(/\./g, '\\.')}, expiry time of assertion ${to.replace(/\./g, '\\.')}\\. Review the documentation at https://learn\\.microsoft\\.com/entra/identity-platform/certificate-credentials \\.$`,
      ),
    );
  });

  it('an assertion not valid yet (nbf beyond the clock skew) → AADSTS700024', async () => {
    const now = Math.floor(Date.now() / 1000);
    const answer = await token({
      client_assertion: await assertion({ claims: { nbf: now + 900, exp: now + 1500 } }),
    });
    expect([answer.status, answer.error, answer.codes]).toEqual([401, 'invalid_client', [700024]]);
  });

  it('an audience other than the token endpoint → 401 invalid_client AADSTS700023', async () => {
    const answer = await token({
      client_assertion: await assertion({ claims: { aud: 'https://graph.microsoft.com' } }),
    });
    expect([answer.status, answer.error, answer.codes]).toEqual([401, 'invalid_client', [700023]]);
    expect(answer.text).toBe(
      'AADSTS700023: Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .',
    );
  });

  it('iss or sub other than the client id → 401 invalid_client AADSTS700021', async () => {
    for (const claims of [
      { iss: ids.apps.licensingReader.clientId },
      { sub: ids.apps.licensingReader.clientId },
    ]) {
      const answer = await token({ client_assertion: await assertion({ claims }) });
      expect([answer.status, answer.error, answer.codes]).toEqual([401, 'invalid_client', [700021]]);
      expect(answer.text).toBe(
        "AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .",
      );
    }
  });

  it('a jti used before → 400 invalid_request AADSTS50027; the first use got its token', async () => {
    const once = await assertion();
    expect((await token({ client_assertion: once })).status).toBe(200);
    const replay = await token({ client_assertion: once });
    expect([replay.status, replay.error, replay.codes]).toEqual([400, 'invalid_request', [50027]]);
  });

  it('a missing claim → 400 invalid_request AADSTS90014 naming it', async () => {
    for (const name of ['jti', 'exp', 'nbf', 'aud']) {
      const answer = await token({ client_assertion: await assertion({ omit: [name] }) });
      expect([answer.status, answer.error, answer.codes]).toEqual([400, 'invalid_request', [90014]]);
      expect(answer.text).toBe(
        `AADSTS90014: The required field '${name}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`,
      );
    }
  });

  it('no thumbprint in the header → AADSTS50027; HS256 → AADSTS5002730; not a JWT → AADSTS50027', async () => {
    const noThumbprint = await token({
      client_assertion: await assertion({ alg: 'RS256', header: { x5t: undefined } }),
    });
    expect([noThumbprint.status, noThumbprint.codes, noThumbprint.text]).toEqual([
      400,
      [50027],
      'AADSTS50027: Invalid JWT token. No certificate thumbprint specified in token header.',
    ]);
    const hs256 = await token({ client_assertion: await assertion({ alg: 'HS256' }) });
    expect([hs256.status, hs256.error, hs256.codes]).toEqual([400, 'invalid_request', [5002730]]);
    const garbage = await token({ client_assertion: 'not-a-jwt' });
    expect([garbage.status, garbage.codes, garbage.text]).toEqual([
      400,
      [50027],
      'AADSTS50027: Invalid JWT token. Token format not valid.',
    ]);
  });

  it('a client_assertion without client_assertion_type → 400 AADSTS900144 naming the parameter', async () => {
    const answer = await token({ client_assertion: await assertion(), client_assertion_type: '' });
    expect([answer.status, answer.error, answer.codes, answer.text]).toEqual([
      400,
      'invalid_request',
      [900144],
      "AADSTS900144: The request body must contain the following parameter: 'client_assertion_type'.",
    ]);
  });
});

describe('certificates in seed files', () => {
  const cert = testCertificate.certificatePem;
  const app = {
    name: 'cert-app',
    clientId: '0b8f5b3e-6a55-4d3a-9d7e-2f1f6a1c00c1',
    clientSecret: 'x',
    roles: [],
  };

  it('reads a certificate PEM (thumbprints computed) and a public key PEM with its thumbprint', () => {
    const publicKey = createPublicKey(cert).export({ type: 'spki', format: 'pem' }).toString();
    const snapshot = resolveSeed({
      apps: [
        { ...app, certificates: [{ pem: cert }, { pem: publicKey, thumbprint: 'ab:cd'.padEnd(59, ':ef') }] },
      ],
    });
    const [fromCert, fromKey] = snapshot.apps[0]!.certificates;
    expect(fromCert?.thumbprint).toBe(testCertificate.thumbprint);
    expect(fromCert?.thumbprintSha256).toBe(testCertificate.thumbprintSha256);
    expect(fromKey?.thumbprint).toMatch(/^ABCD(EF)+$/);
  });

  it('refuses an unreadable PEM or a public key without thumbprint, naming the field', () => {
    expect(() => resolveSeed({ apps: [{ ...app, certificates: [{ pem: 'hello' }] }] })).toThrow(
      new SeedError('apps[0].certificates[0].pem: expected a CERTIFICATE or a PUBLIC KEY PEM'),
    );
    const publicKey = createPublicKey(cert).export({ type: 'spki', format: 'pem' }).toString();
    expect(() => resolveSeed({ apps: [{ ...app, certificates: [{ pem: publicKey }] }] })).toThrow(
      new SeedError(
        'apps[0].certificates[0]: a public key needs a thumbprint or thumbprintSha256 to be named by',
      ),
    );
  });

  it('an app without certificates answers an assertion with 401 invalid_client AADSTS700026', async () => {
    const emulator = await startEmulator({ seed: { apps: [app], skus: [], users: [], groups: [] } });
    try {
      const now = Math.floor(Date.now() / 1000);
      const signed = await new SignJWT({
        aud: `${emulator.url}/${emulator.tenantId}/oauth2/v2.0/token`,
        iss: app.clientId,
        sub: app.clientId,
        jti: randomUUID(),
        nbf: now,
        exp: now + 600,
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: x5t(testCertificate.thumbprint) })
        .sign(await importPKCS8(testCertificate.privateKeyPem, 'RS256'));
      const response = await fetch(`${emulator.url}/${emulator.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: app.clientId,
          scope: 'https://graph.microsoft.com/.default',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: signed,
        }),
      });
      const body = (await response.json()) as {
        error: string;
        error_codes: number[];
        error_description: string;
      };
      expect([response.status, body.error, body.error_codes]).toEqual([401, 'invalid_client', [700026]]);
      expect(body.error_description.split(' Trace ID: ')[0]).toBe(
        'AADSTS700026: Client application has no configured keys.',
      );
    } finally {
      await emulator.stop();
    }
  });
});
