import {
	GRAPH_CLOUDS,
	type GraphCloud,
	isLoopbackHost,
	isTenantId,
} from '@entra-licensing/graph-client';
import type { INodeProperties } from 'n8n-workflow';

/** The clouds a credential can choose: graph-client's (one table of hosts), and Custom (e.g. the Graph Emulator). */
export type EntraCloud = GraphCloud | 'custom';

export interface CloudEndpoints {
	/** Microsoft Graph root, without `/v1.0`. */
	graphBaseUrl: string;
	/** Microsoft Entra token service root (`…/{tenant}/oauth2/v2.0/token` is appended). */
	loginBaseUrl: string;
}

/**
 * Cloud values that credentials saved by earlier versions hold, and the graph-client cloud each one means.
 * `usGovL5` was this node's name for graph-client's `usGovL5DoD`.
 */
const STORED_ALIASES: Record<string, GraphCloud> = { usGovL5: 'usGovL5DoD' };

/** The graph-client cloud a stored value means (its own id, or an older alias), or undefined. */
export function graphCloudOf(stored: unknown): GraphCloud | undefined {
	if (typeof stored !== 'string') return undefined;
	if (Object.hasOwn(GRAPH_CLOUDS, stored)) return stored as GraphCloud;
	return STORED_ALIASES[stored];
}

const STORED_CLOUD_VALUES = [...Object.keys(GRAPH_CLOUDS), ...Object.keys(STORED_ALIASES)];

/** The endpoints of every stored cloud value (graph-client's ids and the older aliases). */
export const CLOUD_ENDPOINTS: Record<string, CloudEndpoints> = Object.fromEntries(
	STORED_CLOUD_VALUES.map((value) => {
		const cloud = GRAPH_CLOUDS[graphCloudOf(value) as GraphCloud];
		return [value, { graphBaseUrl: cloud.graph, loginBaseUrl: cloud.login }];
	}),
);

/** `{"global":"https://…",…}` of one endpoint per stored cloud value, for n8n credential expressions. */
export function cloudMapJson(endpoint: keyof CloudEndpoints): string {
	return JSON.stringify(
		Object.fromEntries(
			Object.entries(CLOUD_ENDPOINTS).map(([cloud, endpoints]) => [cloud, endpoints[endpoint]]),
		),
	);
}

/** Checks the tenant: a directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com. */
export function validateTenant(tenant: unknown): string {
	const value = typeof tenant === 'string' ? tenant.trim() : '';
	if (!isTenantId(value)) {
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
		throw new Error(
			`${field} "${text}" must use https (http is only accepted for localhost / 127.0.0.1)`,
		);
	}
	return text.replace(/\/v1\.0$/i, '');
}

/** The endpoints the credential's cloud setting points at, validated. */
export function endpointsFor(credentials: {
	cloud?: unknown;
	graphBaseUrl?: unknown;
	loginBaseUrl?: unknown;
}): CloudEndpoints {
	const cloud = credentials.cloud ?? 'global';
	if (cloud === 'custom') {
		return {
			graphBaseUrl: checkedUrl('Graph Base URL', credentials.graphBaseUrl),
			loginBaseUrl: checkedUrl('Login Base URL', credentials.loginBaseUrl),
		};
	}
	const graphCloud = graphCloudOf(cloud);
	if (!graphCloud) {
		throw new Error(
			`Cloud "${String(cloud)}" is not one of: ${Object.keys(GRAPH_CLOUDS).join(', ')}, custom`,
		);
	}
	return {
		graphBaseUrl: GRAPH_CLOUDS[graphCloud].graph,
		loginBaseUrl: GRAPH_CLOUDS[graphCloud].login,
	};
}

/** What the editor shows for each of graph-client's clouds. */
const CLOUD_NAMES: Record<GraphCloud, string> = {
	global: 'Global (Microsoft Graph)',
	usGovL4: 'US Government L4 (GCC High)',
	usGovL5DoD: 'US Government L5 (DoD)',
	china: 'China (Operated by 21Vianet)',
};

/** The credential fields that choose the cloud (both credentials): Cloud, and for Custom the two base URLs. */
export const CLOUD_FIELDS: INodeProperties[] = [
	{
		displayName: 'Cloud',
		name: 'cloud',
		type: 'options',
		options: [
			...(Object.keys(GRAPH_CLOUDS) as GraphCloud[]).map((value) => ({
				name: CLOUD_NAMES[value],
				value,
			})),
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
