import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { LoadedClientCertificate } from './client-certificate.js';

/** MSAL's assertion lifetime: ten minutes. */
const ASSERTION_LIFETIME_SECONDS = 600;

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * The client assertion (RFC 7523) as MSAL builds it: header `alg` PS256 with `x5t#S256` (or RS256 with the
 * legacy SHA-1 `x5t`), `typ` JWT; claims `aud` = the token endpoint, `iss` = `sub` = the client id, a fresh
 * `jti`, `nbf` = now, `exp` = now + 10 minutes.
 */
export async function buildClientAssertion(
  certificate: LoadedClientCertificate,
  options: { clientId: string; tokenUrl: string; nowMs?: number },
): Promise<string> {
  const issuedAt = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const { alg, header, value } = certificate.thumbprint;
  return await new SignJWT({})
    .setProtectedHeader({ alg, typ: 'JWT', [header]: value })
    .setAudience(options.tokenUrl)
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setJti(randomUUID())
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .sign(certificate.key);
}
