import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { endpointsFor } from '../../shared/cloudEndpoints';
import { authenticationMethodOf } from './appSignIn';

function text(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: JSON.stringify(value);
}

/**
 * SHA-256 of what a sign-in uses — the cloud's Graph and login endpoints, tenant, client id, and the secret or the
 * certificate (certificate, key, passphrase) — stored beside the token so that a token is used only with the fields
 * it was issued for. Taken over the effective values (n8n's defaults applied, the cloud resolved to its endpoints),
 * so that the same sign-in always has the same fingerprint. A one-way hash: the secret is never stored in clear
 * beside it (and n8n encrypts the credential data as a whole anyway).
 */
export function tokenFingerprint(credentials: ICredentialDataDecryptedObject): string {
	const { graphBaseUrl, loginBaseUrl } = endpointsFor(credentials);
	const method = authenticationMethodOf(credentials);
	const proof =
		method === 'clientSecret'
			? [text(credentials.clientSecret)]
			: [text(credentials.certificate), text(credentials.privateKey), text(credentials.passphrase)];
	const fields = [
		graphBaseUrl,
		loginBaseUrl,
		text(credentials.tenant),
		text(credentials.clientId),
		method,
		...proof,
	];
	return createHash('sha256')
		.update(JSON.stringify(['entra-licensing/token-fingerprint/v1', ...fields]))
		.digest('hex');
}

/** An error n8n takes for "the token expired": it signs in again (preAuthentication) and retries once. */
export function staleTokenError(reason: string): Error & { response: { status: 401 } } {
	return Object.assign(
		new Error(`The stored Microsoft Entra token cannot be used (${reason}): signing in again`),
		{
			response: { status: 401 as const },
		},
	);
}
