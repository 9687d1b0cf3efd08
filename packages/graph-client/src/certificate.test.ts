// Certificate sign-in (client assertion): the token request as MSAL sends it, the assertion's header and claims
// verified with the certificate's public key, caching, and every bad certificate refused before any request.
import { createHash, X509Certificate } from 'node:crypto';
import { defaultSeed, type RunningEmulator, startEmulator } from '@entra-licensing/graph-emulator';
import { testCertificate } from '@entra-licensing/graph-emulator/testing';
import { compactVerify, decodeJwt, decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientCertificateTokenSource } from './auth/client-certificate-token-source.js';
import type { ClientCertificate } from './auth/credentials.js';
import { createGraphClient } from './create-graph-client.js';
import { GraphError } from './errors.js';
import type { FetchLike } from './fetch.js';
import {
  type CaptureServer,
  CLIENT_ID,
  graphRequestsOf,
  json,
  startCaptureServer,
  TENANT,
  withTokenEndpoint,
} from './test-support/capture-server.js';
import {
  createTestCertificate,
  ecKey,
  encryptedKey,
  pkcs1Key,
  type TestCertificate,
} from './test-support/certificates.js';

let server: CaptureServer;
let cert: TestCertificate;
let otherCert: TestCertificate;
const PASSPHRASE = 'correct horse battery staple';

beforeAll(async () => {
  [cert, otherCert] = await Promise.all([createTestCertificate('app'), createTestCertificate('other')]);
});
beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(() => server.close());

const certificateClient = (certificate: ClientCertificate) =>
  createGraphClient({
    baseUrl: server.origin,
    loginBaseUrl: server.origin,
    credentials: { tenantId: TENANT, clientId: CLIENT_ID, certificate },
    maxRetries: 0,
  });
const tokenRequests = () => server.requests.filter((r) => r.url.includes('/oauth2/'));
const formOf = (body: string | undefined) => Object.fromEntries(new URLSearchParams(body));

function refusal(fn: () => unknown): GraphError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  }
  throw new Error('expected a refusal');
}

describe('certificate sign-in (client assertion)', () => {
  it('posts a PS256 assertion with x5t#S256 and MSAL’s claims instead of a secret, and uses the token', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, { value: [] })));
    await certificateClient({
      privateKey: cert.privateKey,
      certificate: cert.certificate,
    }).subscribedSkus.get();
    const [tokenRequest] = tokenRequests();
    expect(tokenRequest?.url).toBe(`/${TENANT}/oauth2/v2.0/token`);
    const form = formOf(tokenRequest?.body);
    expect(Object.keys(form).sort()).toEqual(
      ['client_assertion', 'client_assertion_type', 'client_id', 'grant_type', 'scope'].sort(),
    );
    expect(form.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.grant_type).toBe('client_credentials');
    expect(form.client_id).toBe(CLIENT_ID);

    const assertion = form.client_assertion ?? '';
    const x509 = new X509Certificate(cert.certificate);
    expect(decodeProtectedHeader(assertion)).toEqual({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': createHash('sha256').update(x509.raw).digest('base64url'),
    });
    const tokenUrl = `${server.origin}/${TENANT}/oauth2/v2.0/token`;
    const { payload } = await jwtVerify(assertion, await importX509(cert.certificate, 'PS256'), {
      audience: tokenUrl,
      issuer: CLIENT_ID,
      subject: CLIENT_ID,
    });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iss', 'jti', 'nbf', 'sub']);
    expect(payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((payload.exp ?? 0) - (payload.nbf ?? 0)).toBe(600);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer token-1');
  });

  it('signs with the legacy x5t (SHA-1) and RS256 when only Entra’s SHA-1 thumbprint is given', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, { value: [] })));
    const sha1 = new X509Certificate(cert.certificate).fingerprint; // AA:BB:… as openssl prints it
    await certificateClient({ privateKey: cert.privateKey, thumbprint: sha1 }).subscribedSkus.get();
    const assertion = formOf(tokenRequests()[0]?.body).client_assertion ?? '';
    expect(decodeProtectedHeader(assertion)).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      x5t: Buffer.from(sha1.replace(/:/g, ''), 'hex').toString('base64url'),
    });
    await expect(jwtVerify(assertion, await importX509(cert.certificate, 'RS256'))).resolves.toBeDefined();
  });

  it('accepts an encrypted key with its passphrase, and a PKCS#1 key', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, { value: [] })));
    await certificateClient({
      privateKey: encryptedKey(cert.privateKey, PASSPHRASE),
      passphrase: PASSPHRASE,
      certificate: cert.certificate,
    }).subscribedSkus.get();
    await certificateClient({
      privateKey: pkcs1Key(cert.privateKey),
      certificate: cert.certificate,
    }).subscribedSkus.get();
    expect(tokenRequests()).toHaveLength(2);
    for (const request of tokenRequests()) {
      const assertion = formOf(request.body).client_assertion ?? '';
      await expect(jwtVerify(assertion, await importX509(cert.certificate, 'PS256'))).resolves.toBeDefined();
    }
  });

  it('reads a PEM pasted into a one-line field (line breaks lost or written as \\n)', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, { value: [] })));
    const oneLine = (pem: string) => pem.replace(/\r?\n/g, '');
    const escaped = (pem: string) => pem.replace(/\r?\n/g, '\\n');
    await certificateClient({
      privateKey: oneLine(cert.privateKey),
      certificate: oneLine(cert.certificate),
    }).subscribedSkus.get();
    await certificateClient({
      privateKey: escaped(encryptedKey(cert.privateKey, PASSPHRASE)),
      passphrase: PASSPHRASE,
      certificate: cert.certificate.replace(/\n/g, ' '),
    }).subscribedSkus.get();
    expect(tokenRequests()).toHaveLength(2);
  });

  it('caches the token until shortly before expiry, with a fresh assertion (new jti) for the next one', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, {}), 3600));
    let now = 1_000_000_000_000;
    const source = new ClientCertificateTokenSource(
      {
        tenantId: TENANT,
        clientId: CLIENT_ID,
        certificate: { privateKey: cert.privateKey, certificate: cert.certificate },
      },
      server.origin,
      'https://graph.microsoft.com/.default',
      (url, init) => fetch(url, init),
      () => now,
    );
    expect(await Promise.all([source.getToken(), source.getToken()])).toEqual(['token-1', 'token-1']);
    now += 3600_000 - 5 * 60_000 - 1;
    expect(await source.getToken()).toBe('token-1');
    now += 2;
    expect(await source.getToken()).toBe('token-2');
    const assertions = tokenRequests().map((r) => formOf(r.body).client_assertion ?? '');
    expect(assertions).toHaveLength(2);
    const claims = await Promise.all(
      assertions.map(async (a) => {
        await compactVerify(a, await importX509(cert.certificate, 'PS256'));
        return decodeJwt(a);
      }),
    );
    expect(claims[0]?.jti).not.toBe(claims[1]?.jti);
    expect(claims[0]?.nbf).toBe(1_000_000_000);
    expect(claims[1]?.nbf).toBe(Math.floor(now / 1000));
  });

  it('reports a refused assertion as a token GraphError without the key or passphrase', async () => {
    server.handle((_req, res) =>
      json(res, 401, {
        error: 'invalid_client',
        error_description: `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. Passphrase ${PASSPHRASE}.\r\nTrace ID: x`,
        trace_id: 'trace-2',
      }),
    );
    const error = await certificateClient({
      privateKey: encryptedKey(cert.privateKey, PASSPHRASE),
      passphrase: PASSPHRASE,
      certificate: cert.certificate,
    })
      .subscribedSkus.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ kind: 'token', status: 401, code: 'invalid_client', requestId: 'trace-2' });
    expect((error as Error).message).toBe(
      `The token request for client ${CLIENT_ID} in tenant ${TENANT} failed (HTTP 401): AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. Passphrase [redacted].`,
    );
    expect(graphRequestsOf(server)).toHaveLength(0);
  });
});

describe('bad certificates are refused before any request, naming the field and never the key', () => {
  const cases: Array<{
    name: string;
    certificate: () => ClientCertificate;
    message: string | (() => string);
  }> = [
    {
      name: 'a PEM that does not parse',
      certificate: () => ({
        privateKey: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----',
        certificate: cert.certificate,
      }),
      message:
        'credentials.certificate.privateKey is not a private key that can be read (the PEM does not parse)',
    },
    {
      name: 'text that is no PEM at all (the certificate pasted as the key)',
      certificate: () => ({ privateKey: cert.certificate, certificate: cert.certificate }),
      message:
        'credentials.certificate.privateKey must be a PEM private key (-----BEGIN PRIVATE KEY----- …, ENCRYPTED PRIVATE KEY or RSA PRIVATE KEY)',
    },
    {
      name: 'an encrypted key without passphrase',
      certificate: () => ({
        privateKey: encryptedKey(cert.privateKey, PASSPHRASE),
        certificate: cert.certificate,
      }),
      message:
        'credentials.certificate.privateKey is encrypted: give its passphrase in credentials.certificate.passphrase',
    },
    {
      name: 'an encrypted key with the wrong passphrase',
      certificate: () => ({
        privateKey: encryptedKey(cert.privateKey, PASSPHRASE),
        passphrase: 'wrong passphrase',
        certificate: cert.certificate,
      }),
      message: 'credentials.certificate.passphrase does not decrypt credentials.certificate.privateKey',
    },
    {
      name: 'a key that does not match the certificate',
      certificate: () => ({ privateKey: otherCert.privateKey, certificate: cert.certificate }),
      message: () =>
        `credentials.certificate.privateKey does not belong to credentials.certificate.certificate (thumbprint ${new X509Certificate(cert.certificate).fingerprint.replace(/:/g, '')}): give the key of this certificate`,
    },
    {
      name: 'a certificate that does not parse',
      certificate: () => ({
        privateKey: cert.privateKey,
        certificate: '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----',
      }),
      message:
        'credentials.certificate.certificate must be a PEM certificate (-----BEGIN CERTIFICATE----- …) that parses',
    },
    {
      name: 'a thumbprint of the wrong length',
      certificate: () => ({ privateKey: cert.privateKey, thumbprint: 'ABCDEF' }),
      message:
        'credentials.certificate.thumbprint must be the certificate\'s thumbprint as Entra shows it (40 hex digits, SHA-1, or 64, SHA-256), got "ABCDEF"',
    },
    {
      name: 'neither certificate nor thumbprint',
      certificate: () => ({ privateKey: cert.privateKey }),
      message: 'credentials.certificate needs the certificate (PEM) or its thumbprint beside the private key',
    },
    {
      name: 'an EC key',
      certificate: () => ({ privateKey: ecKey(), thumbprint: 'a'.repeat(64) }),
      message:
        'credentials.certificate.privateKey must be an RSA key (Entra signs client assertions with RS256/PS256), got "ec"',
    },
  ];

  for (const { name, certificate, message } of cases) {
    it(name, () => {
      const given = certificate();
      const error = refusal(() => certificateClient(given));
      expect(error).toMatchObject({ kind: 'refused', code: 'InvalidOption' });
      expect(error.message).toBe(typeof message === 'function' ? message() : message);
      const text = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
      expect(text).not.toContain(given.privateKey.split('\n')[1]);
      if (given.passphrase) expect(text).not.toContain(given.passphrase);
      expect(server.requests).toHaveLength(0);
    });
  }

  it('refuses a secret and a certificate together, and a bad tenant or client id first', () => {
    const both = {
      tenantId: TENANT,
      clientId: CLIENT_ID,
      clientSecret: 's',
      certificate: { privateKey: cert.privateKey },
    };
    expect(refusal(() => createGraphClient({ credentials: both })).message).toBe(
      'credentials take either clientSecret or certificate, not both',
    );
    const badClient = { tenantId: TENANT, clientId: 'app', certificate: { privateKey: 'x' } };
    expect(refusal(() => createGraphClient({ credentials: badClient })).message).toBe(
      'credentials.clientId must be the application (client) GUID, got "app"',
    );
  });
});

describe('certificate sign-in against the Graph emulator over real HTTP', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ timeScale: 100, throttle: 'off' });
  });
  afterAll(() => emulator?.stop());

  const app = () => defaultSeed.ids.apps.licensingAdmin;
  function emulatorClient(certificate: ClientCertificate, fetchImpl?: FetchLike) {
    return createGraphClient({
      baseUrl: emulator.url,
      loginBaseUrl: emulator.url,
      credentials: { tenantId: emulator.tenantId, clientId: app().clientId, certificate },
      maxRetries: 0,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }

  it('signs in with the registered certificate (x5t#S256, PS256), caches the token, and reads Graph as that app', async () => {
    let tokenRequests = 0;
    const counting: FetchLike = (url, init) => {
      if (url.includes('/oauth2/v2.0/token')) tokenRequests++;
      return fetch(url, init);
    };
    const graph = emulatorClient(
      { privateKey: testCertificate.privateKeyPem, certificate: testCertificate.certificatePem },
      counting,
    );
    const skus = await graph.subscribedSkus.get();
    await graph.subscribedSkus.get();
    expect(skus?.value?.map((s) => s.skuPartNumber)).toContain('ENTERPRISEPREMIUM');
    expect(tokenRequests).toBe(1);
    const calls = emulator.requests().filter((r) => r.path === '/v1.0/subscribedSkus');
    expect(calls.map((r) => [r.status, r.clientId])).toEqual([
      [200, app().clientId],
      [200, app().clientId],
    ]);
  });

  it('signs in with only the SHA-1 thumbprint Entra shows (x5t, RS256)', async () => {
    const graph = emulatorClient({
      privateKey: testCertificate.privateKeyPem,
      thumbprint: testCertificate.thumbprint,
    });
    await expect(graph.subscribedSkus.get()).resolves.toBeDefined();
  });

  it('a certificate the app does not have is refused by Entra with its code, as a token error', async () => {
    const error = await emulatorClient({ privateKey: cert.privateKey, certificate: cert.certificate })
      .subscribedSkus.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ kind: 'token', status: 401, code: 'invalid_client' });
    expect((error as Error).message).toMatch(/failed \(HTTP 401\): AADSTS700027: /);
    expect((error as Error).message).not.toContain(cert.privateKey.split('\n')[1]);
  });
});
