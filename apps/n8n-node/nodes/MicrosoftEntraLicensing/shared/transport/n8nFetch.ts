import { type FetchLike, GraphError } from '@entra-licensing/graph-client';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { credentialErrorOf } from '../../../../credentials/common/credentialError';

export const CREDENTIAL_TYPE = 'microsoftEntraLicensingApi';
export const DELEGATED_CREDENTIAL_TYPE = 'microsoftEntraLicensingOAuth2Api';

export type GraphCallContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

function headersToObject(headers: HeadersInit | undefined): IDataObject {
	const result: IDataObject = {};
	new Headers(headers).forEach((value, key) => {
		result[key] = value;
	});
	return result;
}

async function bodyToText(body: BodyInit | null | undefined): Promise<string | undefined> {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') return body;
	return await new Response(body).text();
}

function responseText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return JSON.stringify(body);
}

function responseHeaders(headers: IDataObject | undefined): Headers {
	const result = new Headers();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value === undefined || value === null) continue;
		result.set(key, Array.isArray(value) ? value.join(', ') : String(value));
	}
	return result;
}

/**
 * A sign-in the credential refused or failed (Entra's AADSTS code, a certificate that cannot be read, a token
 * not sent) becomes a token error with the credential's own message and code, not an "unexpected" one.
 */
function transportError(error: unknown): unknown {
	const credentialError = credentialErrorOf(error);
	return credentialError
		? new GraphError({
				kind: 'token',
				code: credentialError.code,
				message: credentialError.message,
			})
		: error;
}

/**
 * A `fetch` for Kiota that sends every request through n8n's `httpRequestWithAuthentication`, so that n8n
 * owns the credential (token from `preAuthentication`, renewed on 401), its domain restrictions and the
 * proxy settings, while Kiota keeps building and parsing the Graph requests.
 */
export function n8nFetch(
	context: GraphCallContext,
	credentialType: string = CREDENTIAL_TYPE,
): FetchLike {
	return async (url, init) => {
		const method = (init.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
		const body = init.body === undefined ? undefined : await bodyToText(init.body);
		const options: IHttpRequestOptions = {
			url,
			method,
			headers: headersToObject(init.headers),
			returnFullResponse: true,
			// A 401 still throws, so that n8n renews the token and sends the request again.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			encoding: 'text',
			json: false,
		};
		if (body !== undefined && body !== '') options.body = body;
		type FullResponse = {
			statusCode: number;
			statusMessage?: string;
			headers?: IDataObject;
			body?: unknown;
		};
		const outcome = await context.helpers.httpRequestWithAuthentication
			.call(context, credentialType, options)
			.then(
				(value: unknown) => ({ response: value as FullResponse }),
				(error: unknown) => ({ error }),
			);
		if ('error' in outcome) throw transportError(outcome.error);
		const { response } = outcome;
		const status = response.statusCode;
		const text = responseText(response.body);
		const noBody = status === 204 || status === 205 || status === 304;
		return new Response(noBody ? null : text, {
			status,
			statusText: response.statusMessage ?? '',
			headers: responseHeaders(response.headers),
		});
	};
}
