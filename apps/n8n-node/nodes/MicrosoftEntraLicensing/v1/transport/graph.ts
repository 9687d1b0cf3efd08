import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { endpointsFor } from '../../../../shared/cloudEndpoints';
import { CREDENTIAL_TYPE, type GraphCallContext } from './n8nFetch';

/** A Graph error answer: HTTP status plus Graph's `error.code` and `error.message`. */
export class GraphRequestError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly method: string,
		readonly path: string,
	) {
		super(message);
		this.name = 'GraphRequestError';
	}
}

const RETRY_STATUSES = new Set([429, 503, 504]);
const MAX_RETRIES = 5;

async function graphV1(context: GraphCallContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return `${endpointsFor(credentials).graphBaseUrl}/v1.0`;
}

function retryDelayMs(headers: IDataObject | undefined, attempt: number): number {
	const retryAfter = Number(headers?.['retry-after']);
	if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter, 60) * 1000;
	return Math.min(1000 * 2 ** attempt, 30000) * (0.5 + Math.random() / 2);
}

function errorOf(body: unknown): { code: string; message: string } {
	const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
	return {
		code: typeof error?.code === 'string' ? error.code : '',
		message: typeof error?.message === 'string' ? error.message : '',
	};
}

/**
 * One Microsoft Graph v1.0 call through n8n's `httpRequestWithAuthentication` (n8n owns the token, its renewal on
 * 401 and the proxy). Throttling (429/503/504) is retried with `Retry-After` or jittered backoff, a few times.
 */
export async function graphRequest<T = IDataObject>(
	context: GraphCallContext,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; qs?: IDataObject; headers?: IDataObject } = {},
): Promise<T> {
	const url = path.startsWith('http') ? path : `${await graphV1(context)}${path}`;
	for (let attempt = 0; ; attempt++) {
		const request: IHttpRequestOptions = {
			method,
			url,
			qs: options.qs,
			headers: { Accept: 'application/json', ...(options.headers ?? {}) },
			returnFullResponse: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			json: true,
		};
		if (options.body !== undefined) request.body = options.body;
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request)) as {
			statusCode: number;
			headers?: IDataObject;
			body?: unknown;
		};
		if (response.statusCode < 400) return (response.body ?? {}) as T;
		if (RETRY_STATUSES.has(response.statusCode) && attempt < MAX_RETRIES) {
			await sleep(retryDelayMs(response.headers, attempt));
			continue;
		}
		const { code, message } = errorOf(response.body);
		throw new GraphRequestError(response.statusCode, code, message || `HTTP ${response.statusCode}`, method, path);
	}
}

/** Follows `@odata.nextLink` and returns every `value` entry. */
export async function graphRequestAll<T = IDataObject>(
	context: GraphCallContext,
	path: string,
	qs?: IDataObject,
	headers?: IDataObject,
): Promise<T[]> {
	const items: T[] = [];
	let page = await graphRequest<{ value?: T[]; '@odata.nextLink'?: string }>(context, 'GET', path, { qs, headers });
	items.push(...(page.value ?? []));
	while (page['@odata.nextLink']) {
		page = await graphRequest(context, 'GET', page['@odata.nextLink'], { headers });
		items.push(...(page.value ?? []));
	}
	return items;
}
