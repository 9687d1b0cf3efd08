/**
 * A small stand-in for the n8n runtime, n8n-style (the node is called as n8n calls it), whose
 * `httpRequestWithAuthentication` does what n8n's does: it runs the credential's real `preAuthentication`
 * (token from the emulator) and `authenticate`, sends a real HTTP request, renews the token once on 401, and
 * honours `returnFullResponse` / `ignoreHttpStatusErrors`. Nothing of this package is mocked.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';

import { MicrosoftEntraLicensingApi } from '../../credentials/MicrosoftEntraLicensingApi.credentials';

type Parameters = Record<string, unknown>;

export interface ContextOptions {
	/** Node parameters: the same for every item, or per item. */
	parameters: Parameters | ((itemIndex: number) => Parameters);
	items?: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** For load options: the parameters of the node being edited. */
	currentParameters?: Parameters;
	mode?: 'manual' | 'trigger';
}

export interface HttpCall {
	method: string;
	url: string;
	authorization: string | undefined;
}

const credentialType = new MicrosoftEntraLicensingApi();

function qsString(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs))
		if (value !== undefined) params.set(key, String(value));
	const text = params.toString();
	return text ? `?${text}` : '';
}

function statusIgnored(options: IHttpRequestOptions, status: number): boolean {
	const ignore = options.ignoreHttpStatusErrors;
	if (ignore === true) return true;
	if (ignore && typeof ignore === 'object') return !ignore.except.includes(status);
	return false;
}

class HttpStatusError extends Error {
	constructor(readonly response: { status: number }) {
		super(`Request failed with status code ${response.status}`);
	}
}

/** n8n's `helpers.httpRequest`, in short: one real HTTP request. */
async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const url = `${options.baseURL ?? ''}${options.url}${qsString(options.qs)}`;
	const headers = new Headers();
	for (const [key, value] of Object.entries(options.headers ?? {})) headers.set(key, String(value));
	let body: string | undefined;
	if (options.body !== undefined && options.body !== null) {
		if (typeof options.body === 'string') body = options.body;
		else {
			body = JSON.stringify(options.body);
			if (!headers.has('content-type')) headers.set('content-type', 'application/json');
		}
	}
	const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
	const text = await response.text();
	const parsed =
		options.json === false || options.encoding === 'text'
			? text
			: text
				? safeJson(text)
				: undefined;
	if (response.status >= 400 && !statusIgnored(options, response.status)) {
		throw new HttpStatusError({ status: response.status });
	}
	if (!options.returnFullResponse) return parsed;
	const headerObject: IDataObject = {};
	response.headers.forEach((value, key) => {
		headerObject[key] = value;
	});
	return {
		statusCode: response.status,
		statusMessage: response.statusText,
		headers: headerObject,
		body: parsed,
	};
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export function createContext(options: ContextOptions) {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const credentials: ICredentialDataDecryptedObject = { accessToken: '', ...options.credentials };
	const calls: HttpCall[] = [];
	const usedCredentialTypes = new Set<string>();
	const staticData: IDataObject = {};
	const node: INode = {
		id: 'node-under-test',
		name: 'Microsoft Entra Licensing',
		type: 'n8n-nodes-entra-licensing.microsoftEntraLicensing',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const parametersOf = (itemIndex: number): Parameters =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;

	const helpers = {
		httpRequest,
		returnJsonArray: (data: IDataObject | IDataObject[]) =>
			(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		async httpRequestWithAuthentication(this: unknown, type: string, request: IHttpRequestOptions) {
			usedCredentialTypes.add(type);
			if (type === 'microsoftEntraLicensingOAuth2Api') {
				// n8n's OAuth2 path: the bearer token stored by the consent flow (oauthTokenData.access_token).
				const token = (credentials.oauthTokenData as { access_token?: string } | undefined)
					?.access_token;
				const authorized = {
					...request,
					headers: { ...(request.headers ?? {}), Authorization: `Bearer ${token}` },
				};
				calls.push({
					method: String(request.method ?? 'GET'),
					url: request.url,
					authorization: `Bearer ${token}`,
				});
				return await httpRequest(authorized);
			}
			if (type !== credentialType.name) throw new Error(`unexpected credential type ${type}`);
			const send = async () => {
				const authenticated = await credentialType.authenticate(credentials, {
					...request,
					headers: { ...(request.headers ?? {}) },
				});
				calls.push({
					method: String(authenticated.method ?? 'GET'),
					url: authenticated.url,
					authorization: authenticated.headers?.Authorization as string | undefined,
				});
				return await httpRequest(authenticated);
			};
			const preAuthenticate = async () => {
				const data = await credentialType.preAuthentication.call(
					{ helpers: { httpRequest } } as never,
					credentials,
				);
				Object.assign(credentials, data);
			};
			if (!credentials.accessToken) await preAuthenticate();
			try {
				return await send();
			} catch (error) {
				if (error instanceof HttpStatusError && error.response.status === 401) {
					await preAuthenticate();
					return await send();
				}
				throw error;
			}
		},
	};

	const context = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getMode: () => options.mode ?? 'trigger',
		getWorkflowStaticData: () => staticData,
		getCredentials: async (type: string) => {
			usedCredentialTypes.add(type);
			return credentials;
		},
		getCurrentNodeParameter: (name: string) => options.currentParameters?.[name.replace(/^&/, '')],
		getNodeParameter(
			name: string,
			itemIndexOrFallback?: unknown,
			fallbackOrOptions?: unknown,
			options?: unknown,
		) {
			// IExecuteFunctions: (name, itemIndex, fallback, options); IPollFunctions / ILoadOptionsFunctions: (name, fallback, options)
			const perItem = typeof itemIndexOrFallback === 'number';
			const itemIndex = perItem ? itemIndexOrFallback : 0;
			const defaultValue = perItem ? fallbackOrOptions : itemIndexOrFallback;
			const extra = (perItem ? options : fallbackOrOptions) as
				| { extractValue?: boolean }
				| undefined;
			const value = parametersOf(itemIndex)[name];
			if (value === undefined) {
				if (defaultValue === undefined) throw new Error(`Could not get parameter "${name}"`);
				return defaultValue;
			}
			if (extra?.extractValue && value && typeof value === 'object' && '__rl' in value) {
				return (value as unknown as { value: unknown }).value;
			}
			return value;
		},
		helpers,
	};
	return {
		execute: context as unknown as IExecuteFunctions,
		loadOptions: context as unknown as ILoadOptionsFunctions,
		poll: context as unknown as IPollFunctions,
		calls,
		credentials,
		usedCredentialTypes,
	};
}
