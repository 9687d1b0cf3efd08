import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The credential fields a token is issued for: a change to any of them means a new sign-in. */
const SIGN_IN_FIELDS = [
	'cloud',
	'graphBaseUrl',
	'loginBaseUrl',
	'tenant',
	'clientId',
	'authenticationMethod',
	'clientSecret',
	'privateKey',
	'certificate',
	'passphrase',
] as const;

/**
 * SHA-256 of the sign-in fields (cloud, endpoints, tenant, client id, and the secret or the certificate), stored
 * beside the token so that a token is used only with the fields it was issued for. A one-way hash: the secret is
 * never stored in clear beside it (and the credential data is encrypted by n8n as a whole anyway).
 */
export function tokenFingerprint(credentials: ICredentialDataDecryptedObject): string {
	const fields = SIGN_IN_FIELDS.map((name) => {
		const value = credentials[name];
		return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
	});
	return createHash('sha256').update(JSON.stringify(['entra-licensing/token-fingerprint/v1', ...fields])).digest('hex');
}

/** An error n8n takes for "the token expired": it signs in again (preAuthentication) and retries once. */
export function staleTokenError(reason: string): Error & { response: { status: 401 } } {
	return Object.assign(new Error(`The stored Microsoft Entra token cannot be used (${reason}): signing in again`), {
		response: { status: 401 as const },
	});
}
