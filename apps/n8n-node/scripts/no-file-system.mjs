// Replaces `node:fs/promises` in the bundle (see build.mjs): the only bundled use is graph-client's workload-identity
// sign-in, which reads a federated token file. Inside n8n the credential signs in (client secret or certificate), so
// that path is never taken there; n8n's community-package scanner forbids file-system access in shipped code.

/** @returns {Promise<never>} */
export async function readFile() {
	throw new Error(
		'A federated token file cannot be read inside n8n: sign in with the credential (client secret or certificate).',
	);
}
