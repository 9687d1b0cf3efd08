import { createHash, createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { invalidOption } from '../errors.js';
import { validateAppIdentity } from './client-credentials-token-source.js';
import type { ClientCertificate, ClientCertificateCredentials } from './credentials.js';

/** A certificate ready to sign client assertions: the RSA key and the thumbprint that goes into the header. */
export interface LoadedClientCertificate {
  readonly key: KeyObject;
  /** `x5t#S256` (SHA-256 of the DER certificate, base64url) with PS256, or the legacy `x5t` (SHA-1) with RS256. */
  readonly thumbprint: { header: 'x5t#S256' | 'x5t'; value: string; alg: 'PS256' | 'RS256' };
}

const PRIVATE_KEY_PEM =
  /-----BEGIN (?:(?:RSA |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+-----END (?:(?:RSA |ENCRYPTED )?PRIVATE KEY)-----/;
const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const FIELD = 'credentials.certificate';
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Restores the line breaks of PEM blocks that lost them: a PEM pasted into a one-line field (n8n's password
 * inputs, an environment variable) arrives with spaces or literal `\n` instead. Blocks with headers
 * (`Proc-Type: …`) are left as they are.
 */
export function normalizePem(text: string): string {
  return text.replace(/\\n/g, '\n').replace(PEM_BLOCK, (block, label: string, body: string) => {
    if (body.includes(':')) return block;
    const base64 = body.replace(/\s+/g, '');
    const lines = base64.match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
  });
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

function loadPrivateKey(c: ClientCertificate): KeyObject {
  if (typeof c.privateKey !== 'string' || !PRIVATE_KEY_PEM.test(c.privateKey)) {
    throw invalidOption(
      `${FIELD}.privateKey must be a PEM private key (-----BEGIN PRIVATE KEY----- …, ENCRYPTED PRIVATE KEY or RSA PRIVATE KEY)`,
    );
  }
  if (c.passphrase !== undefined && typeof c.passphrase !== 'string') {
    throw invalidOption(`${FIELD}.passphrase must be a string`);
  }
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(c.privateKey);
  if (encrypted && !c.passphrase) {
    throw invalidOption(`${FIELD}.privateKey is encrypted: give its passphrase in ${FIELD}.passphrase`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({
      key: c.privateKey,
      format: 'pem',
      ...(c.passphrase ? { passphrase: c.passphrase } : {}),
    });
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ERR_MISSING_PASSPHRASE') {
      throw invalidOption(`${FIELD}.privateKey is encrypted: give its passphrase in ${FIELD}.passphrase`);
    }
    if (encrypted || /BAD_DECRYPT|bad decrypt/i.test(`${code} ${(err as Error)?.message ?? ''}`)) {
      throw invalidOption(`${FIELD}.passphrase does not decrypt ${FIELD}.privateKey`);
    }
    throw invalidOption(`${FIELD}.privateKey is not a private key that can be read (the PEM does not parse)`);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw invalidOption(
      `${FIELD}.privateKey must be an RSA key (Entra signs client assertions with RS256/PS256), got ${JSON.stringify(key.asymmetricKeyType)}`,
    );
  }
  return key;
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function thumbprintFromCertificate(pem: string, key: KeyObject): LoadedClientCertificate['thumbprint'] {
  const block = CERTIFICATE_PEM.exec(pem)?.[0];
  let certificate: X509Certificate;
  try {
    if (!block) throw new Error('no PEM block');
    certificate = new X509Certificate(block);
  } catch {
    throw invalidOption(
      `${FIELD}.certificate must be a PEM certificate (-----BEGIN CERTIFICATE----- …) that parses`,
    );
  }
  if (!certificate.checkPrivateKey(key)) {
    throw invalidOption(
      `${FIELD}.privateKey does not belong to ${FIELD}.certificate (thumbprint ${certificate.fingerprint.replace(/:/g, '')}): give the key of this certificate`,
    );
  }
  return {
    header: 'x5t#S256',
    value: base64url(createHash('sha256').update(certificate.raw).digest()),
    alg: 'PS256',
  };
}

function thumbprintFromHex(raw: unknown): LoadedClientCertificate['thumbprint'] {
  const hex = typeof raw === 'string' ? raw.replace(/[:\s]/g, '') : '';
  if (/^[0-9a-fA-F]{64}$/.test(hex)) {
    return { header: 'x5t#S256', value: base64url(Buffer.from(hex, 'hex')), alg: 'PS256' };
  }
  if (/^[0-9a-fA-F]{40}$/.test(hex))
    return { header: 'x5t', value: base64url(Buffer.from(hex, 'hex')), alg: 'RS256' };
  throw invalidOption(
    `${FIELD}.thumbprint must be the certificate's thumbprint as Entra shows it (40 hex digits, SHA-1, or 64, SHA-256), got ${JSON.stringify(raw)}`,
  );
}

/**
 * Reads and checks a certificate locally, before any request: the key parses (decrypted with the passphrase),
 * is RSA, and belongs to the certificate. Messages name the field, never the key or the passphrase.
 */
export function loadClientCertificate(certificate: ClientCertificate): LoadedClientCertificate {
  if (typeof certificate !== 'object' || certificate === null) {
    throw invalidOption(`${FIELD} must be { privateKey, certificate | thumbprint, passphrase? }`);
  }
  const privateKey =
    typeof certificate.privateKey === 'string'
      ? normalizePem(certificate.privateKey)
      : certificate.privateKey;
  const key = loadPrivateKey({ ...certificate, privateKey });
  if (certificate.certificate !== undefined && certificate.certificate !== '') {
    if (typeof certificate.certificate !== 'string')
      throw invalidOption(`${FIELD}.certificate must be a PEM string`);
    return { key, thumbprint: thumbprintFromCertificate(normalizePem(certificate.certificate), key) };
  }
  if (certificate.thumbprint !== undefined && certificate.thumbprint !== '') {
    return { key, thumbprint: thumbprintFromHex(certificate.thumbprint) };
  }
  throw invalidOption(`${FIELD} needs the certificate (PEM) or its thumbprint beside the private key`);
}

/** Validates certificate credentials locally (tenant, client id, certificate), before any request. */
export function validateClientCertificateCredentials(
  c: ClientCertificateCredentials,
): LoadedClientCertificate {
  validateAppIdentity(c);
  if ('clientSecret' in c) {
    throw invalidOption('credentials take either clientSecret or certificate, not both');
  }
  return loadClientCertificate(c.certificate);
}
