import { GRAPH_CLOUDS, type GraphCloud, isLoopbackHost } from '@entra-licensing/graph-client';
import type { INodeProperties } from 'n8n-workflow';

/** Where the token and the Graph requests of each Microsoft cloud go. */
export type EntraCloud = 'global' | 'usGovL4' | 'usGovL5' | 'china' | 'custom';

export interface CloudEndpoints {
	/** Microsoft Graph root, without `/v1.0`. */
	graphBaseUrl: string;
	/** Microsoft Entra token service root (`…/{tenant}/oauth2/v2.0/token` is appended). */
	loginBaseUrl: string;
}

/** The credential's stored cloud values, and the graph-client cloud each one is (one home for the hosts). */
const GRAPH_CLIENT_CLOUD: Record<Exclude<EntraCloud, 'custom'>, GraphCloud> = {
	global: 'global',
	usGovL4: 'usGovL4',
	usGovL5: 'usGovL5DoD',
	china: 'china',
};

export const CLOUD_ENDPOINTS = Object.fromEntries(
	Object.entries(GRAPH_CLIENT_CLOUD).map(([cloud, graphCloud]) => [
		cloud,
		{ graphBaseUrl: GRAPH_CLOUDS[graphCloud].graph, loginBaseUrl: GRAPH_CLOUDS[graphCloud].login },
	]),
) as Record<Exclude<EntraCloud, 'custom'>, CloudEndpoints>;

/** `{"global":"https://…",…}` of one endpoint per stored cloud value, for n8n credential expressions. */
export function cloudMapJson(endpoint: keyof CloudEndpoints): string {
	return JSON.stringify(
		Object.fromEntries(Object.entries(CLOUD_ENDPOINTS).map(([cloud, endpoints]) => [cloud, endpoints[endpoint]])),
	);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** Checks the tenant: a directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com. */
export function validateTenant(tenant: unknown): string {
	const value = typeof tenant === 'string' ? tenant.trim() : '';
	if (!GUID.test(value) && !DOMAIN.test(value)) {
		throw new Error(
			`Tenant "${String(tenant ?? '')}" is not valid: enter the directory (tenant) ID, a GUID such as ` +
				'8a7e3b1c-…, or a domain such as contoso.onmicrosoft.com',
		);
	}
	return value;
}

function checkedUrl(field: string, raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (!url) throw new Error(`${field} "${String(raw ?? '')}" is not a valid URL`);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new Error(`${field} "${text}" must use https (http is only accepted for localhost / 127.0.0.1)`);
	}
	return text.replace(/\/v1\.0$/i, '');
}

/** The endpoints the credential's cloud setting points at, validated. */
export function endpointsFor(credentials: {
	cloud?: unknown;
	graphBaseUrl?: unknown;
	loginBaseUrl?: unknown;
}): CloudEndpoints {
	const cloud = (credentials.cloud ?? 'global') as EntraCloud;
	if (cloud === 'custom') {
		return {
			graphBaseUrl: checkedUrl('Graph Base URL', credentials.graphBaseUrl),
			loginBaseUrl: checkedUrl('Login Base URL', credentials.loginBaseUrl),
		};
	}
	const endpoints = CLOUD_ENDPOINTS[cloud];
	if (!endpoints) throw new Error(`Cloud "${String(cloud)}" is not one of: ${Object.keys(CLOUD_ENDPOINTS).join(', ')}, custom`);
	return endpoints;
}

/** The credential fields that choose the cloud (both credentials): Cloud, and for Custom the two base URLs. */
export const CLOUD_FIELDS: INodeProperties[] = [
	{
		displayName: 'Cloud',
		name: 'cloud',
		type: 'options',
		options: [
			{ name: 'Global (Microsoft Graph)', value: 'global' },
			{ name: 'US Government L4 (GCC High)', value: 'usGovL4' },
			{ name: 'US Government L5 (DoD)', value: 'usGovL5' },
			{ name: 'China (Operated by 21Vianet)', value: 'china' },
			{ name: 'Custom (e.g. the Graph Emulator)', value: 'custom' },
		],
		default: 'global',
		description: 'The Microsoft cloud the tenant lives in',
	},
	{
		displayName: 'Graph Base URL',
		name: 'graphBaseUrl',
		type: 'string',
		default: '',
		placeholder: 'http://127.0.0.1:4000',
		description: 'Root of the Graph API, without /v1.0. https is required except for localhost.',
		displayOptions: { show: { cloud: ['custom'] } },
	},
	{
		displayName: 'Login Base URL',
		name: 'loginBaseUrl',
		type: 'string',
		default: '',
		placeholder: 'http://127.0.0.1:4000',
		description:
			'Root of the sign-in service: {Login Base URL}/{tenant}/oauth2/v2.0/… is used. https is required except for localhost.',
		displayOptions: { show: { cloud: ['custom'] } },
	},
];
