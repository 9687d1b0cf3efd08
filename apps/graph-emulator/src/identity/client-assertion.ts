import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { App, AppCertificate } from '../model/types.js';
import { thumbprintFromHeader } from './certificates.js';
import { type EntraError, entraError, missingParameter } from './entra-errors.js';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Signature algorithms accepted for certificate assertions (MSAL signs PS256 with x5t#S256, RS256 with x5t). */
const ALGORITHMS = ['RS256', 'PS256'];
/** Tolerated clock difference for `nbf` and `exp`, in seconds. */
export const CLOCK_SKEW_SECONDS = 300;
const CLAIMS_REQUIRED = ['aud', 'iss', 'sub', 'jti', 'nbf', 'exp'] as const;
const DOCS =
  'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .';

export interface AssertionContext {
  app: App;
  /** The audiences that name this token endpoint. */
  audiences: readonly string[];
  /** Remembers a `jti` until it expires; false when it was seen before. */
  rememberJti(jti: string, expiresAtMs: number): boolean;
  correlationId: string | undefined;
  now: number;
}

/** `2024-10-02T22:05:03.6755165Z`: the 7-digit time format of AADSTS700024. */
function entraTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}

/** `10/02/2024 22:05:03`: the key-validity format of AADSTS700027's "Found key". */
function keyTime(date: Date | undefined): string {
  if (!date) return 'unknown';
  const iso = date.toISOString();
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

function keysHint(app: App): string {
  return `Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${app.clientId}'`;
}

const publicKeys = new WeakMap<AppCertificate, KeyObject>();
function publicKeyOf(certificate: AppCertificate): KeyObject {
  let key = publicKeys.get(certificate);
  if (!key) {
    key = createPublicKey(certificate.publicKeyPem);
    publicKeys.set(certificate, key);
  }
  return key;
}

/**
 * Checks a certificate-signed `client_assertion` as Entra does; null when it is valid (its `jti` is then spent),
 * otherwise the AADSTS error Entra answers.
 */
export async function verifyClientAssertion(
  form: Record<string, string | undefined>,
  context: AssertionContext,
): Promise<EntraError | null> {
  const { app, correlationId } = context;
  const invalidRequest = (code: number, text: string) =>
    entraError(400, 'invalid_request', code, text, correlationId);
  const invalidClient = (code: number, text: string) =>
    entraError(401, 'invalid_client', code, text, correlationId);

  const type = form.client_assertion_type;
  if (!type) return missingParameter('client_assertion_type', correlationId);
  if (type !== JWT_BEARER_ASSERTION_TYPE) {
    return invalidRequest(
      50027,
      `Invalid JWT token. The client_assertion_type '${type}' is not supported; use '${JWT_BEARER_ASSERTION_TYPE}'.`,
    );
  }
  const assertion = form.client_assertion ?? '';
  let header: ProtectedHeaderParameters;
  try {
    if (assertion.split('.').length !== 3) throw new Error('not a JWS');
    header = decodeProtectedHeader(assertion);
  } catch {
    return invalidRequest(50027, 'Invalid JWT token. Token format not valid.');
  }
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
    return invalidRequest(5002730, 'Invalid JWT token. Unsupported key for the signing algorithm.');
  }
  const x5tS256 = header['x5t#S256'];
  const x5t = header.x5t;
  if (typeof x5tS256 !== 'string' && typeof x5t !== 'string') {
    return invalidRequest(50027, 'Invalid JWT token. No certificate thumbprint specified in token header.');
  }
  if (app.certificates.length === 0)
    return invalidClient(700026, 'Client application has no configured keys.');
  const presented = thumbprintFromHeader(typeof x5tS256 === 'string' ? x5tS256 : (x5t as string));
  const certificate = app.certificates.find((c) =>
    typeof x5tS256 === 'string' ? c.thumbprintSha256 === presented : c.thumbprint === presented,
  );
  if (!certificate) {
    return invalidClient(
      700027,
      `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${presented}', ${keysHint(app)}]`,
    );
  }
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(assertion, publicKeyOf(certificate), {
      algorithms: ALGORITHMS,
    }));
  } catch {
    return invalidClient(
      700027,
      `Client assertion contains an invalid signature. [Reason - Key was found, but use of the key to verify the signature failed., Thumbprint of key used by client: '${presented}', Found key 'Start=${keyTime(certificate.notBefore)}, End=${keyTime(certificate.notAfter)}', ${keysHint(app)}]`,
    );
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payloadBytes)) as Record<string, unknown>;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
      throw new Error('not an object');
  } catch {
    return invalidRequest(50027, 'Invalid JWT token. Token format not valid.');
  }
  for (const name of CLAIMS_REQUIRED) {
    if (claims[name] === undefined || claims[name] === null) {
      return invalidRequest(
        90014,
        `The required field '${name}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`,
      );
    }
  }
  if (
    String(claims.iss).toLowerCase() !== app.clientId.toLowerCase() ||
    String(claims.sub).toLowerCase() !== app.clientId.toLowerCase()
  ) {
    return invalidClient(
      700021,
      `Client assertion application identifier doesn't match 'client_id' parameter. ${DOCS}`,
    );
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
  const expected = context.audiences.map((a) => a.toLowerCase());
  if (!audiences.some((a) => expected.includes(a.toLowerCase()))) {
    return invalidClient(700023, `Client assertion audience claim does not match Realm issuer. ${DOCS}`);
  }
  const nbf = Number(claims.nbf);
  const exp = Number(claims.exp);
  const nowSeconds = context.now / 1000;
  if (
    !Number.isFinite(nbf) ||
    !Number.isFinite(exp) ||
    nowSeconds < nbf - CLOCK_SKEW_SECONDS ||
    nowSeconds > exp + CLOCK_SKEW_SECONDS
  ) {
    const from = Number.isFinite(nbf) ? nbf * 1000 : 0;
    const to = Number.isFinite(exp) ? exp * 1000 : 0;
    return invalidClient(
      700024,
      `Client assertion is not within its valid time range. Current time: ${entraTime(context.now)}, assertion valid from ${entraTime(from)}, expiry time of assertion ${entraTime(to)}. ${DOCS}`,
    );
  }
  if (!context.rememberJti(String(claims.jti), (exp + CLOCK_SKEW_SECONDS) * 1000)) {
    return invalidRequest(
      50027,
      `Invalid JWT token. The client assertion with jti '${String(claims.jti)}' was already used; sign a new assertion for every token request.`,
    );
  }
  return null;
}
