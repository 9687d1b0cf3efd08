import { isGraphError } from '@entra-licensing/graph-client';
import { isLicensingError } from '@entra-licensing/licensing';
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** A failed item's error, with what the item typed for its target (the error may name the ID it resolved to). */
export class ItemFailure extends Error {
	constructor(
		readonly error: unknown,
		readonly ref?: string,
	) {
		super(error instanceof Error ? error.message : String(error));
		this.name = 'ItemFailure';
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

/** A refused sign-in (wrong secret, unknown client, no consent) reaches the node as the credential's error. */
function isSignInFailure(error: { kind?: string; message: string }): boolean {
	return (
		error.kind === 'token' || /refused the sign-in|sign-in .* failed|AADSTS\d+/.test(error.message)
	);
}

/** How a value reads in an error's description: what the item typed, with the ID it resolved to when they differ. */
function valueGiven(value: unknown, typed: string | undefined): string {
	if (typed === undefined || typed === value) return JSON.stringify(value);
	return `${JSON.stringify(typed)} (${JSON.stringify(value)})`;
}

/** A Graph refusal as the n8n error, in words and with what to do when the code is known. */
function graphRefusal(
	node: INode,
	refusal: { status?: number; code: string; message: string },
	itemIndex: number,
): NodeApiError {
	const status = refusal.status ?? 0;
	const hint = GRAPH_CODE_HINTS[refusal.code];
	const base =
		hint?.message ?? `Microsoft Graph refused the request${status ? ` (HTTP ${status})` : ''}`;
	return new NodeApiError(node, { code: refusal.code, message: refusal.message } as JsonObject, {
		itemIndex,
		...(status ? { httpCode: String(status) } : {}),
		message: keepMessage(`${base}: ${refusal.message}`),
		description: `${hint?.description ?? ''} Graph code: ${refusal.code || 'none'}.`.trim(),
	});
}

/**
 * Turns the error an item failed with into the n8n error, with the item's index: the licensing package's error as
 * raised (its message intact; field, value and code in the description), a Graph refusal in words, a refused
 * sign-in as such. `typed` is what the item gave for its target, shown when the error names the ID it resolved to.
 */
export function toNodeError(
	node: INode,
	failure: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const typed = failure instanceof ItemFailure ? failure.ref : undefined;
	const error = failure instanceof ItemFailure ? failure.error : failure;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (isLicensingError(error) && error.status !== undefined && error.graphCode !== undefined) {
		return graphRefusal(
			node,
			{ status: error.status, code: error.graphCode, message: error.message },
			itemIndex,
		);
	}
	if (isLicensingError(error)) {
		const suggestions =
			error.suggestions.length > 0 && !error.message.includes('Did you mean')
				? `Did you mean: ${error.suggestions.join(', ')}? `
				: '';
		const shown = error.field.startsWith('target')
			? valueGiven(error.value, typed)
			: JSON.stringify(error.value);
		return new NodeOperationError(node, keepMessage(error.message), {
			itemIndex,
			description: `${suggestions}Field: ${error.field}. Value given: ${shown}. (Error code ${error.code}.)`,
		});
	}
	if (isGraphError(error) && isSignInFailure(error)) {
		return new NodeApiError(node, { code: error.code, message: error.message } as JsonObject, {
			itemIndex,
			message: keepMessage(`Sign-in to Microsoft Entra failed: ${error.message}`),
			description: `Check the credential: tenant, client ID, client secret or certificate (not expired) and cloud, and that an administrator consented to the app. (Error code ${error.code}.)`,
		});
	}
	if (isGraphError(error)) return graphRefusal(node, error, itemIndex);
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), {
		itemIndex,
	});
}

/** The JSON an item gets under Continue On Fail. */
export function errorJson(error: NodeApiError | NodeOperationError): JsonObject {
	return { error: error.message, ...(error.description ? { description: error.description } : {}) };
}
