/**
 * The credential's security promises in a real n8n 2.41.1, for every path by which a workflow can use it:
 *
 * - token pinning: n8n's own HTTP Request node with our credential (predefined credential type), aimed at a local
 *   listener that is not Graph, sends it nothing (no Authorization header) and fails with our message; aimed at
 *   the Graph origin it works. The same for the delegated OAuth2 credential (pinned through n8n's domain
 *   restriction, which n8n applies itself).
 * - rotation: after a run stored a token, the secret is changed to a wrong one while the token is kept (as the
 *   editor does when only the secret field is edited): the next run fails on sign-in with Entra's AADSTS7000215.
 * - certificate: a certificate credential that cannot be read fails with a clear message before any request.
 *
 * And no secret, key or passphrase appears in n8n's output or the execution data.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { requestToken, testCertificate } from '@entra-licensing/graph-emulator/testing';
import {
	type BatchResult,
	emulatorCredential,
	executeBatch,
	importCredentials,
	importWorkflows,
	type N8nPaths,
	type RequestLogEntry,
	type RunningEmulator,
	runN8n,
	setUpRealN8n,
} from '@entra-licensing/n8n-harness';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { chain, licensing, type WorkflowNode } from './workflows';

const APP_CREDENTIAL = { id: 'entraSecurity001', name: 'Entra (pinning)' };
const ROTATED_CREDENTIAL = { id: 'entraRotation001', name: 'Entra (rotation)' };
const OAUTH_CREDENTIAL = { id: 'entraSecurityOA2', name: 'Entra delegated (pinning)' };
const ENCRYPTED_KEY_CREDENTIAL = {
	id: 'entraCertNoPass1',
	name: 'Entra certificate (no passphrase)',
};
const MISMATCHED_KEY_CREDENTIAL = { id: 'entraCertWrongK1', name: 'Entra certificate (other key)' };
const CERTIFICATE_CREDENTIAL = { id: 'entraCertificat1', name: 'Entra certificate (registered)' };
const ROTATED_CERTIFICATE_CREDENTIAL = {
	id: 'entraCertRotate1',
	name: 'Entra certificate (rotation)',
};
const WRONG_SECRET = 'rotated-but-mistyped~Q8w2e4r6t8y0';
const PASSPHRASE = 'n8n-e2e passphrase 7f3a';

interface Listener {
	url: string;
	requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
	close(): Promise<void>;
}

/** A local HTTP server that is not Graph: records every request it receives (and answers 200). */
async function startListener(): Promise<Listener> {
	const requests: Listener['requests'] = [];
	const server: Server = createServer((req, res) => {
		requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"collected":true}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const CONTINUE = { onError: 'continueRegularOutput' } as const;

function httpRequest(
	name: string,
	url: string,
	credentialType: string,
	credential: { id: string; name: string },
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		id: name.replace(/\W+/g, '-').toLowerCase(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: {
			method: 'GET',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credentialType,
			options: {},
		},
		credentials: { [credentialType]: credential },
		...extra,
	};
}

const listSkus = (
	name: string,
	credential: { id: string; name: string },
	extra: Partial<WorkflowNode> = {},
) =>
	licensing(
		name,
		{ resource: 'sku', operation: 'get', sku: 'AAD_PREMIUM' },
		{ credentials: { microsoftEntraLicensingApi: credential }, ...extra },
	);

let emulator: RunningEmulator;
let listener: Listener;
let paths: N8nPaths;
let home: string | undefined;

let first: { results: Record<string, BatchResult>; stdout: string; stderr: string };
let second: { results: Record<string, BatchResult>; stdout: string; stderr: string };
let snapshotsText = '';
let storedAfterFirstRun: Record<string, unknown>;
let storedAfterSecondRun: Record<string, unknown>;
let graphRequestsOfRotatedAfterChange: RequestLogEntry[];
let graphRequestsOfReader: RequestLogEntry[];
let secrets: string[];
let delegatedGraphUrl: string;

const wf = {
	leak: (l: Listener) =>
		chain('e2eSecLeakApp001', 'HTTP Request: app credential to a listener', [
			httpRequest(
				'To listener',
				`${l.url}/collect?from=app`,
				'microsoftEntraLicensingApi',
				APP_CREDENTIAL,
			),
		]),
	leakContinue: (l: Listener) =>
		chain('e2eSecLeakApp002', 'HTTP Request: app credential to a listener, continue on error', [
			httpRequest(
				'To listener',
				`${l.url}/collect?from=app2`,
				'microsoftEntraLicensingApi',
				APP_CREDENTIAL,
				CONTINUE,
			),
		]),
	graph: (e: RunningEmulator) =>
		chain('e2eSecGraphApp01', 'HTTP Request: app credential to Graph', [
			httpRequest(
				'To Graph',
				`${e.url}/v1.0/subscribedSkus?$select=skuPartNumber`,
				'microsoftEntraLicensingApi',
				APP_CREDENTIAL,
			),
		]),
	leakOAuth2: (l: Listener) =>
		chain('e2eSecLeakOA2001', 'HTTP Request: delegated credential to a listener', [
			httpRequest(
				'To listener (delegated)',
				`${l.url}/collect?from=oauth2`,
				'microsoftEntraLicensingOAuth2Api',
				OAUTH_CREDENTIAL,
				CONTINUE,
			),
		]),
	graphOAuth2: (graphUrl: string) =>
		chain('e2eSecGraphOA201', 'HTTP Request: delegated credential to Graph', [
			httpRequest(
				'To Graph (delegated)',
				`${graphUrl}/v1.0/subscribedSkus?$select=skuPartNumber`,
				'microsoftEntraLicensingOAuth2Api',
				OAUTH_CREDENTIAL,
			),
		]),
	rotation: chain('e2eSecRotation01', 'Rotation: list SKUs', [
		listSkus('List SKUs', ROTATED_CREDENTIAL, CONTINUE),
	]),
	rotationStop: chain('e2eSecRotation02', 'Rotation: list SKUs, stop on error', [
		listSkus('List SKUs', ROTATED_CREDENTIAL),
	]),
	encryptedKey: chain('e2eSecCertNoPas1', 'Certificate: encrypted key, no passphrase', [
		listSkus('List SKUs (encrypted key)', ENCRYPTED_KEY_CREDENTIAL, CONTINUE),
	]),
	certificate: chain('e2eSecCertOk0001', 'Certificate: list SKUs', [
		listSkus('List SKUs (certificate)', CERTIFICATE_CREDENTIAL),
	]),
	certificateRotation: chain('e2eSecCertRot001', 'Certificate rotation: list SKUs', [
		listSkus('List SKUs (certificate)', ROTATED_CERTIFICATE_CREDENTIAL, CONTINUE),
	]),
	leakCertificate: (l: Listener) =>
		chain('e2eSecLeakCert01', 'HTTP Request: certificate credential to a listener', [
			httpRequest(
				'To listener',
				`${l.url}/collect?from=certificate`,
				'microsoftEntraLicensingApi',
				CERTIFICATE_CREDENTIAL,
				CONTINUE,
			),
		]),
	graphCertificate: (e: RunningEmulator) =>
		chain('e2eSecGraphCert1', 'HTTP Request: certificate credential to Graph', [
			httpRequest(
				'To Graph',
				`${e.url}/v1.0/subscribedSkus?$select=skuPartNumber`,
				'microsoftEntraLicensingApi',
				CERTIFICATE_CREDENTIAL,
			),
		]),
	mismatchedKey: chain('e2eSecCertWrong1', 'Certificate: key of another certificate', [
		listSkus('List SKUs (other key)', MISMATCHED_KEY_CREDENTIAL, CONTINUE),
	]),
};

function snapshotText(id: string): string {
	const file = join(home!, 'snapshots', `${id}-snapshot.json`);
	return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

async function exportCredential(id: string): Promise<Record<string, unknown>> {
	const file = join(home!, `credential-${id}.json`);
	const run = await runN8n(paths, home!, [
		'export:credentials',
		`--id=${id}`,
		'--decrypted',
		`--output=${file}`,
	]);
	if (run.code !== 0)
		throw new Error(`n8n export:credentials failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
	try {
		const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{
			data: Record<string, unknown>;
		}>;
		return credential!.data;
	} finally {
		rmSync(file, { force: true }); // decrypted
	}
}

/** As the editor saves a credential whose secret fields alone were edited: every other field (the token too) is kept. */
async function editKeepingToken(
	id: string,
	name: string,
	fields: Record<string, string>,
): Promise<void> {
	const data = await exportCredential(id);
	await importCredentials(paths, home!, [
		{ id, name, type: 'microsoftEntraLicensingApi', data: { ...data, ...fields } },
	]);
}

/** The error a node gave its item under "On Error: Continue" ({ error, description } or n8n's { error: { message } }). */
function itemError(
	result: BatchResult | undefined,
	node: string,
): { message: string; description: string } {
	expect(result?.error ?? null).toBeNull();
	const [item] = result?.runData?.[node] ?? [];
	const error = item?.error as string | { message?: string; description?: string } | undefined;
	expect(error, `${node} gave its item an error`).toBeDefined();
	if (typeof error === 'string')
		return { message: error, description: String(item?.description ?? '') };
	return { message: String(error?.message ?? ''), description: String(error?.description ?? '') };
}

beforeAll(async () => {
	listener = await startListener();
	const real = await setUpRealN8n({
		emulatorOptions: { timeScale: 20 },
		tarball: inject('nodeTarball'),
	});
	({ emulator, paths, home } = real);
	const admin = emulator.config.apps.find((a) => a.name === 'licensing-admin')!;
	const reader = emulator.config.apps.find((a) => a.name === 'licensing-reader')!;
	// The delegated credential reaches the emulator as "localhost": n8n's domain restriction compares host names
	// only, and the listener is 127.0.0.1.
	delegatedGraphUrl = emulator.url.replace('127.0.0.1', 'localhost');
	const accessToken = await requestToken(
		{ url: emulator.url, tenantId: emulator.config.tenantId },
		admin,
	);

	const [app, other] = await Promise.all([
		generate([{ name: 'commonName', value: 'entra-licensing-e2e' }], {
			keySize: 2048,
			algorithm: 'sha256',
		}),
		Promise.resolve(generateKeyPairSync('rsa', { modulusLength: 2048 })),
	]);
	const { createPrivateKey } = await import('node:crypto');
	const encrypted = createPrivateKey(app.private)
		.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
		.toString();
	const otherKey = other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const certificateData = (privateKey: string) => ({
		...(emulatorCredential(emulator) as { data: Record<string, unknown> }).data,
		clientSecret: '',
		authenticationMethod: 'certificate',
		certificate: app.cert,
		privateKey,
		passphrase: '',
	});
	secrets = [
		...emulator.config.apps.map((a) => a.clientSecret),
		WRONG_SECRET,
		accessToken,
		PASSPHRASE,
	];
	const keyLines = [encrypted, otherKey, app.private, testCertificate.privateKeyPem].map(
		(pem) => pem.split('\n')[2]!,
	);

	await importCredentials(paths, home, [
		emulatorCredential(emulator, APP_CREDENTIAL),
		emulatorCredential(emulator, ROTATED_CREDENTIAL),
		{
			...ENCRYPTED_KEY_CREDENTIAL,
			type: 'microsoftEntraLicensingApi',
			data: certificateData(encrypted),
		},
		{
			...MISMATCHED_KEY_CREDENTIAL,
			type: 'microsoftEntraLicensingApi',
			data: certificateData(otherKey),
		},
		...[CERTIFICATE_CREDENTIAL, ROTATED_CERTIFICATE_CREDENTIAL].map((credential) => ({
			...credential,
			type: 'microsoftEntraLicensingApi',
			data: {
				...certificateData(testCertificate.privateKeyPem),
				certificate: testCertificate.certificatePem,
				clientId: reader.clientId,
			},
		})),
		{
			...OAUTH_CREDENTIAL,
			type: 'microsoftEntraLicensingOAuth2Api',
			data: {
				cloud: 'custom',
				graphBaseUrl: delegatedGraphUrl,
				loginBaseUrl: emulator.config.loginBaseUrl,
				tenant: emulator.config.tenantId,
				clientId: admin.clientId,
				clientSecret: admin.clientSecret,
				oauthTokenData: { access_token: accessToken, token_type: 'Bearer', expires_in: 3599 },
			},
		},
	]);
	secrets.push(...keyLines);
	const all = [
		wf.leak(listener),
		wf.leakContinue(listener),
		wf.graph(emulator),
		wf.leakOAuth2(listener),
		wf.graphOAuth2(delegatedGraphUrl),
		wf.rotation,
		wf.rotationStop,
		wf.encryptedKey,
		wf.mismatchedKey,
		wf.certificate,
		wf.certificateRotation,
		wf.leakCertificate(listener),
		wf.graphCertificate(emulator),
	];
	await importWorkflows(paths, home, all);

	first = await executeBatch(
		paths,
		home,
		all.map((w) => w.id),
	);
	snapshotsText += JSON.stringify(all.map((w) => snapshotText(w.id)));
	storedAfterFirstRun = await exportCredential(ROTATED_CREDENTIAL.id);
	graphRequestsOfReader = (await emulator.requests()).filter((r) => r.clientId === reader.clientId);

	await editKeepingToken(ROTATED_CREDENTIAL.id, ROTATED_CREDENTIAL.name, {
		clientSecret: WRONG_SECRET,
	});
	// A new certificate (a valid pair, not yet uploaded to the app registration) replaces the registered one.
	await editKeepingToken(ROTATED_CERTIFICATE_CREDENTIAL.id, ROTATED_CERTIFICATE_CREDENTIAL.name, {
		certificate: app.cert,
		privateKey: app.private,
	});
	const logLength = (await emulator.requests()).length;
	second = await executeBatch(paths, home, [
		wf.rotation.id,
		wf.rotationStop.id,
		wf.certificateRotation.id,
	]);
	snapshotsText += snapshotText(wf.rotation.id) + snapshotText(wf.certificateRotation.id);
	const rotatedClient = emulator.config.apps.find((a) => a.name === 'licensing-admin')!.clientId;
	graphRequestsOfRotatedAfterChange = (await emulator.requests())
		.slice(logLength)
		.filter((r) => r.clientId === rotatedClient);
	storedAfterSecondRun = await exportCredential(ROTATED_CREDENTIAL.id);
}, 1_800_000);

afterAll(async () => {
	emulator?.stop();
	await listener?.close();
	if (home) rmSync(home, { recursive: true, force: true });
});

describe('token pinning in real n8n: every caller, every request shape', () => {
	it('n8n’s HTTP Request node with our app-only credential sends nothing to a listener that is not Graph, and fails with our message', () => {
		const refusal = `Refusing to send the Microsoft Entra token to ${listener.url}: it only goes to ${new URL(emulator.url).origin}`;
		const stopped = first.results[wf.leak(listener).id];
		expect(stopped?.status).toBe('error');
		expect(stopped?.error).toContain(refusal);
		expect(itemError(first.results[wf.leakContinue(listener).id], 'To listener').message).toBe(
			refusal,
		);
		expect(listener.requests.filter((r) => r.url.includes('from=app'))).toEqual([]);
		expect(listener.requests.filter((r) => r.url.includes('from=app2'))).toEqual([]);
		expect(listener.requests.some((r) => r.headers.authorization !== undefined)).toBe(false);
	});

	it('n8n’s HTTP Request node with our app-only credential works against the Graph origin', () => {
		const result = first.results[wf.graph(emulator).id]!;
		expect(result.error).toBeNull();
		const [page] = result.runData!['To Graph']!;
		expect(
			(page as { value: Array<{ skuPartNumber: string }> }).value.map((s) => s.skuPartNumber),
		).toContain('AAD_PREMIUM');
	});

	it('the delegated OAuth2 credential sends nothing to the listener either: n8n’s domain restriction, pinned to Graph', () => {
		const error = itemError(first.results[wf.leakOAuth2(listener).id], 'To listener (delegated)');
		expect(error.message).toBe(
			`Domain not allowed: This credential is restricted from accessing ${new URL(listener.url).host}. Only the following domains are allowed: localhost`,
		);
		expect(listener.requests).toEqual([]);
	});

	it('the delegated OAuth2 credential works with the HTTP Request node against the Graph host', () => {
		const result = first.results[wf.graphOAuth2(delegatedGraphUrl).id]!;
		expect(result.error).toBeNull();
		const [page] = result.runData!['To Graph (delegated)']!;
		expect(
			(page as { value: Array<{ skuPartNumber: string }> }).value.map((s) => s.skuPartNumber),
		).toContain('AAD_PREMIUM');
	});
});

describe('rotation in real n8n: a stored token is used only with the fields it was issued for', () => {
	it('the first run signs in and stores the token with the fingerprint of the fields (not the secret)', () => {
		expect(first.results[wf.rotation.id]?.error).toBeNull();
		expect(typeof storedAfterFirstRun.accessToken).toBe('string');
		expect(String(storedAfterFirstRun.accessToken).split('.')).toHaveLength(3);
		expect(storedAfterFirstRun.tokenFingerprint).toMatch(/^[0-9a-f]{64}$/);
	});

	it('after the secret is changed to a wrong one (token kept), the run fails on sign-in with AADSTS7000215 and sends nothing to Graph', () => {
		const error = itemError(second.results[wf.rotation.id], 'List SKUs');
		const admin = emulator.config.apps.find((a) => a.name === 'licensing-admin')!;
		expect(error.message).toContain(
			`Microsoft Entra refused the sign-in of client ${admin.clientId} in tenant ${emulator.config.tenantDomain}: AADSTS7000215: Invalid client secret provided.`,
		);
		expect(error.description).toContain('AADSTS7000215');
		const stopped = second.results[wf.rotationStop.id];
		expect(stopped?.status).toBe('error');
		expect(stopped?.error).toContain('AADSTS7000215');
		expect(graphRequestsOfRotatedAfterChange).toEqual([]);
		// n8n kept the old token (the sign-in failed), but it stays unusable: its fingerprint is of the old fields.
		expect(storedAfterSecondRun.clientSecret).toBe(WRONG_SECRET);
		expect(storedAfterSecondRun.tokenFingerprint).toBe(storedAfterFirstRun.tokenFingerprint);
	});
});

describe('certificate sign-in in real n8n: a certificate that cannot be used fails clearly before any request', () => {
	it('an encrypted key without passphrase', () => {
		const error = itemError(first.results[wf.encryptedKey.id], 'List SKUs (encrypted key)');
		expect(error.message).toContain('Private Key is encrypted: give its passphrase in Passphrase');
		expect(error.description).toContain('InvalidCredential');
	});

	it('a key that does not belong to the certificate', () => {
		const error = itemError(first.results[wf.mismatchedKey.id], 'List SKUs (other key)');
		expect(error.message).toMatch(
			/Private Key does not belong to Certificate \(thumbprint [0-9A-F]{40}\): give the key of this certificate$/,
		);
	});
});

describe('certificate sign-in in real n8n: the registered certificate works, pinned and rotated like the secret', () => {
	const readerId = () => emulator.config.apps.find((a) => a.name === 'licensing-reader')!.clientId;

	it('our node signs in with the certificate (client assertion) and reads Graph as that app', () => {
		const result = first.results[wf.certificate.id]!;
		expect(result.error).toBeNull();
		const [sku] = result.runData!['List SKUs (certificate)']!;
		expect(sku).toMatchObject({ skuPartNumber: 'AAD_PREMIUM' });
		expect(graphRequestsOfReader.some((r) => r.status === 200 && r.clientId === readerId())).toBe(
			true,
		);
	});

	it('n8n’s HTTP Request node with the certificate credential sends nothing to the listener, and works against Graph', () => {
		expect(itemError(first.results[wf.leakCertificate(listener).id], 'To listener').message).toBe(
			`Refusing to send the Microsoft Entra token to ${listener.url}: it only goes to ${new URL(emulator.url).origin}`,
		);
		expect(listener.requests.filter((r) => r.url.includes('from=certificate'))).toEqual([]);
		const graph = first.results[wf.graphCertificate(emulator).id]!;
		expect(graph.error).toBeNull();
		const [page] = graph.runData!['To Graph']!;
		expect(
			(page as { value: Array<{ skuPartNumber: string }> }).value.map((s) => s.skuPartNumber),
		).toContain('AAD_PREMIUM');
	});

	it('a new certificate (token kept) means a new sign-in: Entra refuses the unregistered certificate with its code', () => {
		const error = itemError(second.results[wf.certificateRotation.id], 'List SKUs (certificate)');
		expect(error.message).toMatch(
			/refused the sign-in of client [0-9a-f-]{36} in tenant contoso\.onmicrosoft\.com: AADSTS700027: /,
		);
		expect(error.description).toContain('AADSTS700027');
	});
});

describe('no secret in n8n’s output', () => {
	it('no client secret (right or wrong), token, key or passphrase in stdout, stderr or the execution data', () => {
		const outputs = [first, second].flatMap((run) => [
			run.stdout,
			run.stderr,
			JSON.stringify(run.results),
		]);
		outputs.push(snapshotsText);
		expect(snapshotsText.length).toBeGreaterThan(1000);
		for (const secret of secrets)
			for (const output of outputs) expect(output).not.toContain(secret);
	});
});
