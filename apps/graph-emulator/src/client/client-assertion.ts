import { randomUUID } from 'node:crypto';
import { importPKCS8, type JWTHeaderParameters, SignJWT } from 'jose';
import { type TestCertificate, testCertificate } from '../test-certificate.js';

export interface ClientAssertionOptions {
  clientId: string;
  /** The token endpoint the assertion is for (its `aud`), e.g. `<url>/<tenant>/oauth2/v2.0/token`. */
  tokenEndpoint: string;
  /** Default: the emulator's test certificate. */
  certificate?: Pick<TestCertificate, 'privateKeyPem' | 'thumbprint' | 'thumbprintSha256'>;
  /** `PS256` with `x5t#S256` (MSAL's default), or `RS256` with `x5t` (SHA-1). Default `PS256`. */
  algorithm?: 'PS256' | 'RS256';
  /** Seconds until `exp`. Default 600, as MSAL. */
  lifetimeSeconds?: number;
}

const base64url = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url');

/** Signs a `client_assertion` as MSAL does: `aud` = token endpoint, `iss` = `sub` = client id, fresh `jti`, `nbf`, `exp`. */
export async function signClientAssertion(options: ClientAssertionOptions): Promise<string> {
  const certificate = options.certificate ?? testCertificate;
  const algorithm = options.algorithm ?? 'PS256';
  const now = Math.floor(Date.now() / 1000);
  const header: JWTHeaderParameters =
    algorithm === 'PS256'
      ? { alg: algorithm, typ: 'JWT', 'x5t#S256': base64url(certificate.thumbprintSha256) }
      : { alg: algorithm, typ: 'JWT', x5t: base64url(certificate.thumbprint) };
  return new SignJWT({
    aud: options.tokenEndpoint,
    iss: options.clientId,
    sub: options.clientId,
    jti: randomUUID(),
    nbf: now,
    exp: now + (options.lifetimeSeconds ?? 600),
  })
    .setProtectedHeader(header)
    .sign(await importPKCS8(certificate.privateKeyPem, algorithm));
}
