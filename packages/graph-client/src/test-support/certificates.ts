import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { generate } from 'selfsigned';

export interface TestCertificate {
  /** PKCS#8 PEM private key. */
  privateKey: string;
  /** PEM certificate. */
  certificate: string;
}

/** A fresh self-signed RSA 2048 certificate and its key, as an app registration would hold them. */
export async function createTestCertificate(commonName = 'entra-licensing-test'): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const privateKey = createPrivateKey(pems.private).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privateKey, certificate: pems.cert };
}

/** The key encrypted with a passphrase (PKCS#8, AES-256-CBC), as `openssl pkcs8 -topk8` writes it. */
export function encryptedKey(privateKey: string, passphrase: string): string {
  return createPrivateKey(privateKey)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    .toString();
}

/** The key in the older PKCS#1 form (`BEGIN RSA PRIVATE KEY`). */
export function pkcs1Key(privateKey: string): string {
  return createPrivateKey(privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
}

/** An EC key (Entra's assertions need RSA). */
export function ecKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
