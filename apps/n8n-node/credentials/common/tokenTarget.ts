import type { IHttpRequestOptions } from 'n8n-workflow';

import { credentialError } from './credentialError';

/** What n8n hands a credential's authenticate(): its own request options, or the HTTP Request node's legacy ones. */
export type OutgoingRequest = IHttpRequestOptions & { uri?: unknown };

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (value instanceof URL) return value.href;
	return undefined;
}

function originOf(target: string, base: string | undefined): string | undefined {
	if (!URL.canParse(target, base)) return undefined;
	const url = new URL(target, base);
	return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
}

/**
 * The origin a request really goes to: `url` (n8n's own helpers), else `uri` (the HTTP Request node's legacy
 * options), resolved against `baseURL`. Undefined when it cannot be told: no target, a relative one with no
 * base, a scheme other than http(s), or `url` and `uri` that disagree.
 */
export function requestOrigin(request: OutgoingRequest): string | undefined {
	const base = text(request.baseURL);
	const targets = [text(request.url), text(request.uri)].filter(
		(t): t is string => t !== undefined,
	);
	if (targets.length === 0) return undefined;
	const origins = new Set(targets.map((t) => originOf(t, base)));
	if (origins.size !== 1) return undefined;
	return [...origins][0];
}

/**
 * Throws unless the request goes to the Graph origin: the token never leaves for another host, whoever builds the
 * request (this node, n8n's HTTP Request node through "Custom API Call", a Code node's helpers).
 */
export function assertGoesToGraph(request: OutgoingRequest, graphOrigin: string): void {
	const origin = requestOrigin(request);
	if (origin === undefined) {
		throw credentialError(
			'TokenNotSent',
			`Refusing to send the Microsoft Entra token: the request's target URL cannot be determined (it only goes to ${graphOrigin})`,
		);
	}
	if (origin !== graphOrigin) {
		throw credentialError(
			'TokenNotSent',
			`Refusing to send the Microsoft Entra token to ${origin}: it only goes to ${graphOrigin}`,
		);
	}
}
