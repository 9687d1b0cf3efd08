/**
 * Errors the credential throws (sign-in refused, a certificate or secret that cannot be used, a token that is
 * not sent), marked with a code so that the node can report them as what they are through n8n's wrapping
 * (NodeApiError keeps the original as its `cause`). Messages never hold a secret.
 */
const MARK = 'entraCredentialCode';

export type CredentialError = Error & { [MARK]: string };

export function credentialError(code: string, message: string): CredentialError {
	return Object.assign(new Error(message), { [MARK]: code });
}

/** The credential error inside `error` (itself or a `cause` of it), if any. */
export function credentialErrorOf(error: unknown): { code: string; message: string } | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as Record<string, unknown>)[MARK];
		if (typeof code === 'string' && current instanceof Error)
			return { code, message: current.message };
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
