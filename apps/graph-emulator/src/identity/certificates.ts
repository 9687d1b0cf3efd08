import { createPublicKey, X509Certificate } from 'node:crypto';
import type { AppCertificate } from '../model/types.js';
import type { SeedCertificate } from '../seed/seed-types.js';

const normalizeHex = (value: string): string => value.replace(/[\s:]/g, '').toUpperCase();

/** Reads a seed certificate (certificate PEM or public key PEM + thumbprints); throws naming `field`. */
export function resolveCertificate(entry: SeedCertificate, field: string): AppCertificate {
  if (typeof entry !== 'object' || entry === null || typeof entry.pem !== 'string') {
    throw new Error(`${field}.pem: a PEM string is required`);
  }
  const pem = entry.pem.trim();
  if (pem.includes('-----BEGIN CERTIFICATE-----')) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch (error) {
      throw new Error(`${field}.pem: not a readable certificate (${(error as Error).message})`);
    }
    if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
      throw new Error(
        `${field}.pem: an RSA certificate is required (got ${certificate.publicKey.asymmetricKeyType})`,
      );
    }
    return {
      thumbprint: normalizeHex(certificate.fingerprint),
      thumbprintSha256: normalizeHex(certificate.fingerprint256),
      publicKeyPem: certificate.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
    };
  }
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new Error(`${field}.pem: expected a CERTIFICATE or a PUBLIC KEY PEM`);
  }
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(`${field}.pem: not a readable public key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error(`${field}.pem: an RSA public key is required (got ${key.asymmetricKeyType})`);
  }
  const thumbprint = entry.thumbprint === undefined ? undefined : normalizeHex(entry.thumbprint);
  const thumbprintSha256 =
    entry.thumbprintSha256 === undefined ? undefined : normalizeHex(entry.thumbprintSha256);
  if (thumbprint !== undefined && !/^[0-9A-F]{40}$/.test(thumbprint)) {
    throw new Error(`${field}.thumbprint: '${entry.thumbprint}' is not a SHA-1 thumbprint (40 hex digits)`);
  }
  if (thumbprintSha256 !== undefined && !/^[0-9A-F]{64}$/.test(thumbprintSha256)) {
    throw new Error(
      `${field}.thumbprintSha256: '${entry.thumbprintSha256}' is not a SHA-256 thumbprint (64 hex digits)`,
    );
  }
  if (thumbprint === undefined && thumbprintSha256 === undefined) {
    throw new Error(`${field}: a public key needs a thumbprint or thumbprintSha256 to be named by`);
  }
  return {
    thumbprint,
    thumbprintSha256,
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    notBefore: undefined,
    notAfter: undefined,
  };
}

/** `x5t` / `x5t#S256` header values (base64url of the thumbprint bytes) → upper-case hex. */
export function thumbprintFromHeader(value: string): string {
  return Buffer.from(value, 'base64url').toString('hex').toUpperCase();
}
