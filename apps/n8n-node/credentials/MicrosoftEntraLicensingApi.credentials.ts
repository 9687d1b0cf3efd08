import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { CLOUD_FIELDS, cloudMapJson, endpointsFor, validateTenant } from '../shared/cloudEndpoints';
import { clientAuthenticationFields, validateClientId } from './common/appSignIn';
import { credentialError } from './common/credentialError';
import { staleTokenError, tokenFingerprint } from './common/tokenFingerprint';
import { assertGoesToGraph, type OutgoingRequest } from './common/tokenTarget';

interface TokenResponse {
	access_token?: string;
	error?: string;
	error_description?: string;
}

function parseTokenBody(body: unknown): TokenResponse {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as TokenResponse;
		} catch {
			return {};
		}
	}
	return (body ?? {}) as TokenResponse;
}

/** First line of an Entra error description, e.g. "AADSTS7000215: Invalid client secret provided." */
function firstLine(text: string | undefined): string {
	return (text ?? '').split(/\r?\n/)[0]?.trim() ?? '';
}

/** Header the credential test sends (and authenticate() removes): the test must sign in afresh. */
const CREDENTIAL_TEST_HEADER = 'x-entra-licensing-credential-test';

/** Credential objects n8n has just run preAuthentication() on, in this process. */
const signedInJustNow = new WeakSet<object>();

export class MicrosoftEntraLicensingApi implements ICredentialType {
	name = 'microsoftEntraLicensingApi';

	displayName = 'Microsoft Entra Licensing API';

	icon: Icon = {
		light: 'file:../icons/entraLicensing.svg',
		dark: 'file:../icons/entraLicensing.dark.svg',
	};

	documentationUrl = 'https://learn.microsoft.com/en-us/graph/auth-v2-service';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Fingerprint',
			name: 'tokenFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		...CLOUD_FIELDS,
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'contoso.onmicrosoft.com',
			description:
				'Directory (tenant) ID, a GUID, or a domain of the tenant such as contoso.onmicrosoft.com',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Application (client) ID of the app registration. It needs the application permissions LicenseAssignment.ReadWrite.All, User.Read.All and GroupMember.Read.All (or Group.Read.All).',
		},
		{
			displayName: 'Authentication Method',
			name: 'authenticationMethod',
			type: 'options',
			options: [
				{ name: 'Client Secret', value: 'clientSecret' },
				{ name: 'Certificate', value: 'certificate' },
			],
			default: 'clientSecret',
			description: 'How the app registration proves its identity to Microsoft Entra',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authenticationMethod: ['clientSecret'] } },
		},
		{
			displayName: 'Certificate',
			name: 'certificate',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'The PEM certificate uploaded to the app registration (Certificates & secrets)',
			displayOptions: { show: { authenticationMethod: ['certificate'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description:
				'The PEM private key of the certificate (PKCS#8, encrypted PKCS#8 or PKCS#1 RSA)',
			displayOptions: { show: { authenticationMethod: ['certificate'] } },
		},
		{
			displayName: 'Passphrase',
			name: 'passphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The passphrase of an encrypted private key; leave empty for an unencrypted key',
			displayOptions: { show: { authenticationMethod: ['certificate'] } },
		},
	];

	/**
	 * Signs in afresh (client credentials, with the secret or a certificate assertion). n8n calls this when no
	 * token is stored, when Graph answers 401, on every credential test, and when authenticate() finds that the
	 * stored token was issued for other credential fields.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tenant = validateTenant(credentials.tenant);
		const { graphBaseUrl, loginBaseUrl } = endpointsFor(credentials);
		const clientId = validateClientId(credentials.clientId);
		const tokenUrl = `${loginBaseUrl}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
		const authentication = await clientAuthenticationFields(credentials, clientId, tokenUrl);
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: clientId,
				...authentication,
				scope: `${graphBaseUrl}/.default`,
			}).toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
		})) as { statusCode: number; body: unknown };
		const token = parseTokenBody(response.body);
		if (response.statusCode !== 200 || !token.access_token) {
			// Only Entra's own error code and first line go into the message: never the request (it holds the secret).
			const reason =
				firstLine(token.error_description) || token.error || `HTTP ${response.statusCode}`;
			const code = /^AADSTS\d+/.exec(reason)?.[0] ?? token.error ?? `HTTP${response.statusCode}`;
			throw credentialError(
				code,
				`Microsoft Entra refused the sign-in of client ${clientId} in tenant ${tenant}: ${reason}`,
			);
		}
		signedInJustNow.add(credentials);
		return {
			accessToken: token.access_token,
			tokenFingerprint: tokenFingerprint(credentials),
		} satisfies IDataObject;
	}

	/**
	 * Adds the bearer token, but only to requests whose real target (`url`, else `uri`, against `baseURL`) has the
	 * configured Graph origin, and only a token issued for the credential's current fields.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const request = requestOptions as OutgoingRequest;
		assertGoesToGraph(request, new URL(endpointsFor(credentials).graphBaseUrl).origin);
		const headers: IDataObject = { ...(request.headers ?? {}) };
		const isCredentialTest = Object.keys(headers).some(
			(name) => name.toLowerCase() === CREDENTIAL_TEST_HEADER,
		);
		for (const name of Object.keys(headers))
			if (name.toLowerCase() === CREDENTIAL_TEST_HEADER) delete headers[name];
		if (isCredentialTest && !signedInJustNow.has(credentials)) {
			throw staleTokenError('the credential test always signs in afresh');
		}
		if (credentials.tokenFingerprint !== tokenFingerprint(credentials)) {
			throw staleTokenError('it was issued for other credential fields');
		}
		return {
			...request,
			headers: { ...headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
			// A redirect to another origin never carries the token (n8n strips it unless told otherwise).
			sendCredentialsOnCrossOriginRedirect: false,
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.cloud === "custom" ? $credentials.graphBaseUrl.replace(/\\/+$/, "") : ${cloudMapJson('graphBaseUrl')}[$credentials.cloud]}}`,
			url: '/v1.0/subscribedSkus',
			qs: { $select: 'skuId' },
			headers: { [CREDENTIAL_TEST_HEADER]: 'sign-in-afresh' },
		},
	};
}
