import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The emulator's TEST-ONLY certificate (`test-certificates/`), registered on every app of the default seed. Its
 * private key is public: it signs `client_assertion`s for tests and the demo, and must never be trusted anywhere.
 */
export interface TestCertificate {
  /** PKCS#8 private key, PEM. */
  privateKeyPem: string;
  /** X.509 certificate, PEM. */
  certificatePem: string;
  /** SHA-1 thumbprint, upper-case hex (`x5t` = base64url of these bytes). */
  thumbprint: string;
  /** SHA-256 thumbprint, upper-case hex (`x5t#S256` = base64url of these bytes). */
  thumbprintSha256: string;
}

// src/ and dist/ are both one level below the package root, as is test-certificates/.
const folder = new URL('../test-certificates/', import.meta.url);
const certificatePem = readFileSync(new URL('emulator-test.cert.pem', folder), 'utf8');
const certificate = new X509Certificate(certificatePem);

export const testCertificate: TestCertificate = Object.freeze({
  privateKeyPem: readFileSync(new URL('emulator-test.key.pem', folder), 'utf8'),
  certificatePem,
  thumbprint: certificate.fingerprint.replace(/:/g, ''),
  thumbprintSha256: certificate.fingerprint256.replace(/:/g, ''),
});
