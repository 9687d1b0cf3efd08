import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CLOUD_FIELDS, cloudMapJson, endpointsFor, validateTenant } from '../shared/cloudEndpoints';

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

export class MicrosoftEntraLicensingApi implements ICredentialType {
	name = 'microsoftEntraLicensingApi';

	displayName = 'Microsoft Entra Licensing API';

	icon: Icon = { light: 'file:../icons/entraLicensing.svg', dark: 'file:../icons/entraLicensing.dark.svg' };

	documentationUrl = 'https://learn.microsoft.com/en-us/graph/auth-v2-service';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
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
			description: 'Directory (tenant) ID, a GUID, or a domain of the tenant such as contoso.onmicrosoft.com',
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
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	/** Gets an app-only token (client credentials); n8n calls this again when Graph answers 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tenant = validateTenant(credentials.tenant);
		const { graphBaseUrl, loginBaseUrl } = endpointsFor(credentials);
		const clientId = typeof credentials.clientId === 'string' ? credentials.clientId.trim() : '';
		if (!clientId) throw new Error('Client ID is empty: enter the application (client) ID of the app registration');
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${loginBaseUrl}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: clientId,
				client_secret: String(credentials.clientSecret ?? ''),
				scope: `${graphBaseUrl}/.default`,
			}).toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
		})) as { statusCode: number; body: unknown };
		const token = parseTokenBody(response.body);
		if (response.statusCode !== 200 || !token.access_token) {
			// Only Entra's own error code and first line go into the message: never the request (it holds the secret).
			const reason = firstLine(token.error_description) || token.error || `HTTP ${response.statusCode}`;
			throw new Error(`Microsoft Entra refused the sign-in of client ${clientId} in tenant ${tenant}: ${reason}`);
		}
		return { accessToken: token.access_token } satisfies IDataObject;
	}

	/** Adds the bearer token, but only to requests for the configured Graph host. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { graphBaseUrl } = endpointsFor(credentials);
		const target = new URL(requestOptions.url, requestOptions.baseURL ?? graphBaseUrl);
		if (target.origin !== new URL(graphBaseUrl).origin) {
			throw new Error(
				`Refusing to send the Microsoft Entra token to ${target.origin}: it only goes to ${new URL(graphBaseUrl).origin}`,
			);
		}
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				`={{$credentials.cloud === "custom" ? $credentials.graphBaseUrl.replace(/\\/+$/, "") : ${cloudMapJson('graphBaseUrl')}[$credentials.cloud]}}`,
			url: '/v1.0/subscribedSkus',
			qs: { $select: 'skuId' },
		},
	};
}
