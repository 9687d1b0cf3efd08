import { isGraphError } from '@entra-licensing/graph-client';
import { isLicensingError } from '@entra-licensing/licensing';
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** A Graph refusal reported by the bulk path for one item (status, Graph code and message). */
export class GraphRefusal extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'GraphRefusal';
	}
}

/** Graph error codes in words an administrator understands, with what to do. */
const GRAPH_CODE_HINTS: Record<string, { message: string; description: string }> = {
	Request_ResourceNotFound: {
		message: 'The group or user does not exist in this tenant',
		description: 'Check the ID or name; it may have been deleted or belong to another tenant.',
	},
	Authorization_RequestDenied: {
		message: 'The app registration is not allowed to do this',
		description:
			'Grant the application permissions LicenseAssignment.ReadWrite.All, User.Read.All and GroupMember.Read.All to the app and give admin consent.',
	},
	CountViolation: {
		message: 'Not enough free licenses (seats) for this product',
		description: 'Buy more seats, free some, or license fewer users.',
	},
	MutuallyExclusiveViolation: {
		message: 'Two service plans that cannot be combined would be enabled together',
		description: 'Disable one of the conflicting service plans, or remove the other license first.',
	},
	DependencyViolation: {
		message: 'A service plan needs another plan that is disabled',
		description: 'Enable the plan it depends on, or disable the dependent plan too.',
	},
	Request_BadRequest: {
		message: 'Microsoft Graph rejected the request as invalid',
		description: 'Check the SKU and service plan IDs and the target.',
	},
	Directory_ConcurrencyViolation: {
		message: 'Another change to the same object was in progress',
		description: 'Run the node again; the change did not happen.',
	},
	InvalidAuthenticationToken: {
		message: 'Microsoft Graph did not accept the access token',
		description: 'Check the credential: tenant, client ID, client secret and cloud.',
	},
};

/**
 * n8n replaces an error message that merely contains a Node.js error code (case-insensitively) with a network
 * message: Graph's `Request_ResourceNotFound` contains "eNotFound" and would read "The connection cannot be
 * established…". Where such a code sits inside a longer word, a space keeps our message as it is.
 */
const N8N_MAPPED_CODES = [
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'ETIMEDOUT',
	'ERRADDRINUSE',
	'EADDRNOTAVAIL',
	'ECONNABORTED',
	'EHOSTUNREACH',
	'EAI_AGAIN',
	'ENOENT',
	'EISDIR',
	'ENOTDIR',
	'EACCES',
	'EEXIST',
	'EPERM',
	'GETADDRINFO',
];

export function keepMessage(message: string): string {
	return N8N_MAPPED_CODES.reduce(
		(text, code) =>
			text.replace(new RegExp(`(?<=[A-Za-z0-9_])(${code[0]})(${code.slice(1)})`, 'gi'), '$1 $2'),
		message,
	);
}

/** The node's names of the fields an operation reads, for errors and hints (each operation module exports its own). */
export interface FieldLabels {
	/** The target field: `Group` or `User`. */
	target: 'Group' | 'User';
	/** The main SKU list of the operation: `Licenses to Assign`, `SKUs to Remove`, `Desired Licenses`… */
	skus: string;
}

const LIST_LABELS: Record<string, string> = {
	add: 'Licenses to Assign',
	licenses: 'Desired Licenses',
	remove: 'SKUs to Swap Out',
	disable: 'Plans to Disable',
	enable: 'Plans to Enable',
};

/**
 * A licensing field path (`intent.skus[0].disabledPlans[1]`, `groupId`) as the node's field names
 * (`Licenses to Assign › #1 › Plans to Disable › #2`, `Group`).
 */
export function fieldLabel(field: string, labels: FieldLabels): string {
	const { target, skus } = labels;
	return field
		.replace(/^intent\./, '')
		.replace(/^(target(\.id)?|groupId|userId)$/, target)
		.replace(/^usageLocation$/, `${target} (Usage Location)`)
		.replace(/^maxRemovals$/, 'Options › Max Removals')
		.replace(/^skus\[(\d+)\]/, (_, i: string) => `${skus} › #${Number(i) + 1}`)
		.replace(
			/^(add|licenses|remove|disable|enable)\[(\d+)\]/,
			(_, list: string, i: string) => `${LIST_LABELS[list]} › #${Number(i) + 1}`,
		)
		.replace(/\.sku$/, ' › SKU')
		.replace(
			/\.disabledPlans\[(\d+)\]/,
			(_, j: string) => ` › Plans to Disable › #${Number(j) + 1}`,
		)
		.replace(/^sku$/, 'SKU');
}

/** A licensing message that starts with its field path (`intent.skus[0]: …`, `groupId "…" …`), in the node's words. */
export function labelledMessage(message: string, field: string, labels: FieldLabels): string {
	const label = fieldLabel(field, labels);
	if (message.startsWith(`${field}: `)) return `${label}: ${message.slice(field.length + 2)}`;
	if (message.startsWith(`${field} `)) return `${label} ${message.slice(field.length + 1)}`;
	return `${label}: ${message}`;
}

/** A refused sign-in (wrong secret, unknown client, no consent) reaches the node as the credential's error. */
function isSignInFailure(error: { kind?: string; message: string }): boolean {
	return (
		error.kind === 'token' || /refused the sign-in|sign-in .* failed|AADSTS\d+/.test(error.message)
	);
}

/** Turns any error of an operation into the n8n error a non-developer can act on. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	labels: FieldLabels = { target: 'Group', skus: 'Licenses to Assign' },
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (isLicensingError(error)) {
		const label = fieldLabel(error.field, labels);
		const message = labelledMessage(error.message, error.field, labels);
		const suggestions =
			error.suggestions.length > 0 && !message.includes('Did you mean')
				? `Did you mean: ${error.suggestions.join(', ')}? `
				: '';
		return new NodeOperationError(node, keepMessage(message), {
			itemIndex,
			description: `${suggestions}Field: ${label}. Value given: ${JSON.stringify(error.value)}. (Error code ${error.code}.)`,
		});
	}
	if (isGraphError(error) && isSignInFailure(error)) {
		return new NodeApiError(node, { code: error.code, message: error.message } as JsonObject, {
			itemIndex,
			message: keepMessage(`Sign-in to Microsoft Entra failed: ${error.message}`),
			description: `Check the credential: tenant, client ID, client secret or certificate (not expired) and cloud, and that an administrator consented to the app. (Error code ${error.code}.)`,
		});
	}
	if (error instanceof GraphRefusal || isGraphError(error)) {
		const status = error.status ?? 0;
		const hint = GRAPH_CODE_HINTS[error.code];
		const base =
			hint?.message ?? `Microsoft Graph refused the request${status ? ` (HTTP ${status})` : ''}`;
		return new NodeApiError(node, { code: error.code, message: error.message } as JsonObject, {
			itemIndex,
			...(status ? { httpCode: String(status) } : {}),
			message: keepMessage(`${base}: ${error.message}`),
			description: `${hint?.description ?? ''} Graph code: ${error.code || 'none'}.`.trim(),
		});
	}
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), {
		itemIndex,
	});
}

/** The JSON an item gets under Continue On Fail. */
export function errorJson(error: NodeApiError | NodeOperationError): JsonObject {
	return { error: error.message, ...(error.description ? { description: error.description } : {}) };
}
