import {
	buildClientAssertion,
	CLIENT_ASSERTION_TYPE,
	type ClientCertificate,
	GraphError,
	isGuid,
	type LoadedClientCertificate,
	loadClientCertificate,
} from '@entra-licensing/graph-client';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialError } from './credentialError';

/** The credential's Authentication Method. Credentials saved before it existed use a client secret. */
export type AuthenticationMethod = 'clientSecret' | 'certificate';

export function authenticationMethodOf(
	credentials: ICredentialDataDecryptedObject,
): AuthenticationMethod {
	const method = credentials.authenticationMethod ?? 'clientSecret';
	if (method !== 'clientSecret' && method !== 'certificate') {
		throw credentialError(
			'InvalidCredential',
			`Authentication Method "${String(method)}" is not one of: clientSecret, certificate`,
		);
	}
	return method;
}

/** graph-client's field names, as the editor shows them. */
const FIELD_NAMES: Array<[string, string]> = [
	['credentials.certificate.privateKey', 'Private Key'],
	['credentials.certificate.certificate', 'Certificate'],
	['credentials.certificate.passphrase', 'Passphrase'],
	['credentials.certificate.thumbprint', 'Thumbprint'],
	['credentials.certificate', 'Certificate'],
];

function inEditorTerms(message: string): string {
	return FIELD_NAMES.reduce((text, [from, to]) => text.split(from).join(to), message);
}

/** The loaded certificate, or graph-client's message about what is wrong with it (in the editor's field names). */
function readCertificate(certificate: ClientCertificate): LoadedClientCertificate | string {
	try {
		return loadClientCertificate(certificate);
	} catch (error) {
		return error instanceof GraphError
			? inEditorTerms(error.message)
			: 'Certificate and Private Key could not be read';
	}
}

function optionalText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The form fields that prove the app's identity: the client secret, or a client assertion signed with the
 * certificate (graph-client builds it as MSAL does). The certificate is checked first — a PEM that does not
 * parse, an encrypted key without its passphrase, a key that does not match the certificate — before any request.
 */
export async function clientAuthenticationFields(
	credentials: ICredentialDataDecryptedObject,
	clientId: string,
	tokenUrl: string,
): Promise<Record<string, string>> {
	if (authenticationMethodOf(credentials) === 'clientSecret') {
		const secret = optionalText(credentials.clientSecret);
		if (!secret)
			throw credentialError(
				'InvalidCredential',
				'Client Secret is empty: enter the secret value of the app registration',
			);
		return { client_secret: secret };
	}
	const privateKey = optionalText(credentials.privateKey);
	const certificate = optionalText(credentials.certificate);
	if (!privateKey)
		throw credentialError(
			'InvalidCredential',
			'Private Key is empty: paste the PEM private key of the certificate',
		);
	if (!certificate)
		throw credentialError(
			'InvalidCredential',
			'Certificate is empty: paste the PEM certificate uploaded to the app registration',
		);
	const loaded = readCertificate({
		privateKey,
		certificate,
		passphrase: optionalText(credentials.passphrase),
	});
	if (typeof loaded === 'string') throw credentialError('InvalidCredential', loaded);
	return {
		client_assertion_type: CLIENT_ASSERTION_TYPE,
		client_assertion: await buildClientAssertion(loaded, { clientId, tokenUrl }),
	};
}

/** The client id, checked with graph-client's one GUID check. */
export function validateClientId(value: unknown): string {
	const clientId = typeof value === 'string' ? value.trim() : '';
	if (!isGuid(clientId)) {
		throw credentialError(
			'InvalidCredential',
			`Client ID "${String(value ?? '')}" is not valid: enter the application (client) ID of the app registration, a GUID`,
		);
	}
	return clientId;
}
