import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { GRAPH_CLOUDS } from '@entra-licensing/graph-client';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { credentialErrorOf } from '../../credentials/common/credentialError';
import { tokenFingerprint } from '../../credentials/common/tokenFingerprint';
import { MicrosoftEntraLicensingApi } from '../../credentials/MicrosoftEntraLicensingApi.credentials';
import { MicrosoftEntraLicensingOAuth2Api } from '../../credentials/MicrosoftEntraLicensingOAuth2Api.credentials';
import { endpointsFor } from '../../shared/cloudEndpoints';
import { emulatorCredentials, useTestEmulator } from '../harness/emulator';
import { createContext } from '../harness/executeContext';

const env = useTestEmulator();
const credential = new MicrosoftEntraLicensingApi();

function preAuthenticate(data: Record<string, unknown>) {
	const { execute } = createContext({ parameters: {}, credentials: {} });
	return credential.preAuthentication.call(execute as never, data as never);
}

/** Credential data with a token as if preAuthentication() had issued it for these fields. */
function signedIn<T extends Record<string, unknown>>(data: T): T {
	return { ...data, tokenFingerprint: tokenFingerprint(data as never) };
}

async function pinningError(
	data: Record<string, unknown>,
	request: IHttpRequestOptions,
): Promise<string> {
	const error = await credential.authenticate(data as never, request).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Error);
	return (error as Error).message;
}

describe('Microsoft Entra Licensing API credential', () => {
	it('gets an app-only token from the configured login URL', async () => {
		const result = await preAuthenticate(emulatorCredentials(env.emulator));
		expect(typeof result.accessToken).toBe('string');
		expect(String(result.accessToken).split('.')).toHaveLength(3);
	});

	it('reports a wrong secret with Entra’s reason and never the secret', async () => {
		const wrong = 'not-the-secret~0123456789';
		const error = await preAuthenticate({
			...emulatorCredentials(env.emulator),
			clientSecret: wrong,
		}).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(
			/refused the sign-in of client .* in tenant contoso\.onmicrosoft\.com: AADSTS/,
		);
		expect(JSON.stringify(error)).not.toContain(wrong);
		expect((error as Error).message).not.toContain(wrong);
		expect((error as Error).stack ?? '').not.toContain(wrong);
	});

	it('marks a refused sign-in with Entra’s code, so that the node reports it as a sign-in error', async () => {
		const error = await preAuthenticate({
			...emulatorCredentials(env.emulator),
			clientSecret: 'wrong~secret~value',
		}).catch((e: unknown) => e);
		expect(credentialErrorOf(error)?.code).toBe('AADSTS7000215');
	});

	describe('certificate sign-in: a certificate that cannot be used fails clearly before any request', () => {
		const PASSPHRASE = 'unit passphrase 42';
		let pems: { cert: string; private: string };
		beforeAll(async () => {
			pems = await generate([{ name: 'commonName', value: 'unit' }], {
				keySize: 2048,
				algorithm: 'sha256',
			});
		});
		const withCertificate = (fields: Record<string, unknown>) => ({
			...emulatorCredentials(env.emulator),
			clientSecret: '',
			authenticationMethod: 'certificate',
			certificate: pems.cert,
			privateKey: pems.private,
			...fields,
		});
		async function refusedBeforeAnyRequest(data: Record<string, unknown>): Promise<string> {
			let requests = 0;
			const helpers = {
				httpRequest: async () => {
					requests++;
					return { statusCode: 500, body: '' };
				},
			};
			const error = await credential.preAuthentication
				.call({ helpers } as never, data as never)
				.catch((e: unknown) => e);
			expect(requests).toBe(0);
			expect(credentialErrorOf(error)?.code).toBe('InvalidCredential');
			return (error as Error).message;
		}
		const encrypted = () =>
			createPrivateKey(pems.private)
				.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
				.toString();

		it('a PEM that does not parse', async () => {
			expect(await refusedBeforeAnyRequest(withCertificate({ privateKey: 'MIIEvQIBADANBg' }))).toBe(
				'Private Key must be a PEM private key (-----BEGIN PRIVATE KEY----- …, ENCRYPTED PRIVATE KEY or RSA PRIVATE KEY)',
			);
		});
		it('an encrypted key without passphrase', async () => {
			expect(await refusedBeforeAnyRequest(withCertificate({ privateKey: encrypted() }))).toBe(
				'Private Key is encrypted: give its passphrase in Passphrase',
			);
		});
		it('a key that does not match the certificate', async () => {
			const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
				.privateKey.export({ type: 'pkcs8', format: 'pem' })
				.toString();
			const thumbprint = new X509Certificate(pems.cert).fingerprint.replace(/:/g, '');
			expect(await refusedBeforeAnyRequest(withCertificate({ privateKey: other }))).toBe(
				`Private Key does not belong to Certificate (thumbprint ${thumbprint}): give the key of this certificate`,
			);
		});
		it('an empty certificate field', async () => {
			expect(await refusedBeforeAnyRequest(withCertificate({ certificate: '' }))).toBe(
				'Certificate is empty: paste the PEM certificate uploaded to the app registration',
			);
		});
		it('a wrong passphrase, which never appears in the message', async () => {
			const message = await refusedBeforeAnyRequest(
				withCertificate({ privateKey: encrypted(), passphrase: 'not it' }),
			);
			expect(message).toBe('Passphrase does not decrypt Private Key');
		});
	});

	it('validates the tenant before any request', async () => {
		await expect(
			preAuthenticate({ ...emulatorCredentials(env.emulator), tenant: 'not a tenant' }),
		).rejects.toThrow('Tenant "not a tenant" is not valid');
	});

	it('accepts http only for loopback hosts in the Custom cloud', async () => {
		await expect(
			preAuthenticate({
				...emulatorCredentials(env.emulator),
				graphBaseUrl: 'http://graph.example.com',
			}),
		).rejects.toThrow('Graph Base URL "http://graph.example.com" must use https');
	});

	it('adds the token only to requests for the configured Graph host', async () => {
		const data = signedIn({ ...emulatorCredentials(env.emulator), accessToken: 'token-value' });
		const ok = await credential.authenticate(data, {
			url: `${env.emulator.url}/v1.0/subscribedSkus`,
			headers: {},
		});
		expect(ok.headers?.Authorization).toBe('Bearer token-value');
		expect(ok).toMatchObject({ sendCredentialsOnCrossOriginRedirect: false });
		expect(
			await pinningError(data, { url: 'https://elsewhere.example.com/steal', headers: {} }),
		).toBe(
			`Refusing to send the Microsoft Entra token to https://elsewhere.example.com: it only goes to ${new URL(env.emulator.url).origin}`,
		);
	});

	describe('token pinning: the real target of every request shape n8n passes', () => {
		const graph = () => new URL(env.emulator.url).origin;
		const data = () =>
			signedIn({ ...emulatorCredentials(env.emulator), accessToken: 'token-value' });
		const refusedTo = (origin: string) =>
			`Refusing to send the Microsoft Entra token to ${origin}: it only goes to ${graph()}`;
		const undetermined = () =>
			`Refusing to send the Microsoft Entra token: the request's target URL cannot be determined (it only goes to ${graph()})`;

		it('the HTTP Request node’s legacy `uri` (no `url`) aimed elsewhere is refused', async () => {
			const request = { uri: 'http://127.0.0.1:1/collect', method: 'GET', headers: {} } as never;
			expect(await pinningError(data(), request)).toBe(refusedTo('http://127.0.0.1:1'));
		});

		it('the HTTP Request node’s legacy `uri` at Graph gets the token', async () => {
			const request = { uri: `${env.emulator.url}/v1.0/subscribedSkus`, headers: {} } as never;
			const out = (await credential.authenticate(data(), request)) as {
				headers?: Record<string, unknown>;
			};
			expect(out.headers?.Authorization).toBe('Bearer token-value');
		});

		it('a relative `url` is resolved against `baseURL`', async () => {
			const ok = await credential.authenticate(data(), {
				baseURL: env.emulator.url,
				url: '/v1.0/users',
				headers: {},
			});
			expect(ok.headers?.Authorization).toBe('Bearer token-value');
			expect(
				await pinningError(data(), { baseURL: 'https://evil.example', url: '/v1.0/users' }),
			).toBe(refusedTo('https://evil.example'));
			// An absolute url wins over baseURL, as in n8n's request helpers.
			expect(
				await pinningError(data(), { baseURL: env.emulator.url, url: 'https://evil.example/x' }),
			).toBe(refusedTo('https://evil.example'));
		});

		it('refuses when no target can be determined: none, relative without base, url and uri disagreeing, other schemes', async () => {
			const cases: unknown[] = [
				{ headers: {} },
				{ url: '', headers: {} },
				{ url: '/v1.0/users' },
				{ url: `${env.emulator.url}/v1.0/users`, uri: 'https://evil.example/x' },
				{ url: 'ftp://127.0.0.1/x' },
				{ url: 'not a url at all' },
			];
			for (const request of cases)
				expect(await pinningError(data(), request as never)).toBe(undetermined());
		});

		it('a look-alike host (other port, other scheme, userinfo trick) is another origin', async () => {
			const port = Number(new URL(env.emulator.url).port);
			expect(await pinningError(data(), { url: `http://127.0.0.1:${port + 1}/v1.0/users` })).toBe(
				refusedTo(`http://127.0.0.1:${port + 1}`),
			);
			expect(
				await pinningError(data(), { url: `http://127.0.0.1:${port}@evil.example/v1.0/users` }),
			).toBe(refusedTo('http://evil.example'));
		});
	});

	describe('rotation: a stored token is used only with the fields it was issued for', () => {
		it('stores a fingerprint (not the secret) beside the token, and uses the token while nothing changed', async () => {
			const data: Record<string, unknown> = { ...emulatorCredentials(env.emulator) };
			Object.assign(data, await preAuthenticate(data));
			expect(data.tokenFingerprint).toMatch(/^[0-9a-f]{64}$/);
			expect(JSON.stringify(data.tokenFingerprint)).not.toContain(String(data.clientSecret));
			const out = await credential.authenticate(data as never, {
				url: `${env.emulator.url}/v1.0/users`,
			});
			expect(out.headers?.Authorization).toBe(`Bearer ${String(data.accessToken)}`);
		});

		for (const [field, value] of [
			['clientSecret', 'a-rotated-secret'],
			['clientId', '00000000-0000-0000-0000-00000000000f'],
			['tenant', 'fabrikam.onmicrosoft.com'],
			['loginBaseUrl', 'http://localhost:1'],
			['authenticationMethod', 'certificate'],
		] as const) {
			it(`a changed ${field} makes the stored token unusable: n8n is told to sign in again (401)`, async () => {
				const data: Record<string, unknown> = { ...emulatorCredentials(env.emulator) };
				Object.assign(data, await preAuthenticate(data));
				data[field] = value;
				const error = await credential
					.authenticate(data as never, { url: `${env.emulator.url}/v1.0/users` })
					.catch((e: unknown) => e as Error & { response?: { status?: number } });
				expect(error).toBeInstanceOf(Error);
				expect((error as Error).message).toBe(
					'The stored Microsoft Entra token cannot be used (it was issued for other credential fields): signing in again',
				);
				expect((error as { response?: { status?: number } }).response?.status).toBe(401);
			});
		}

		it('the fingerprint is of the effective sign-in: n8n’s defaults and the cloud’s alias do not change it', async () => {
			const base = { ...emulatorCredentials(env.emulator), clientSecret: 's' };
			expect(
				tokenFingerprint({
					...base,
					authenticationMethod: 'clientSecret',
					privateKey: '',
					passphrase: '',
				}),
			).toBe(tokenFingerprint(base));
			expect(
				tokenFingerprint({ cloud: 'usGovL5', tenant: 't', clientId: 'c', clientSecret: 's' }),
			).toBe(
				tokenFingerprint({ cloud: 'usGovL5DoD', tenant: 't', clientId: 'c', clientSecret: 's' }),
			);
			expect(
				tokenFingerprint({ cloud: 'usGovL4', tenant: 't', clientId: 'c', clientSecret: 's' }),
			).not.toBe(
				tokenFingerprint({ cloud: 'usGovL5DoD', tenant: 't', clientId: 'c', clientSecret: 's' }),
			);
			expect(tokenFingerprint({ ...base, clientSecret: 's2' })).not.toBe(tokenFingerprint(base));
		});

		it('a token stored by an earlier version (no fingerprint) is not used', async () => {
			const data = { ...emulatorCredentials(env.emulator), accessToken: 'old-token' };
			const error = await pinningError(data, { url: `${env.emulator.url}/v1.0/users` });
			expect(error).toBe(
				'The stored Microsoft Entra token cannot be used (it was issued for other credential fields): signing in again',
			);
		});

		it('the credential test always signs in afresh, and its marker header never leaves n8n', async () => {
			const data: Record<string, unknown> = { ...emulatorCredentials(env.emulator) };
			Object.assign(data, await preAuthenticate(data));
			const stored = { ...data }; // as n8n loads it for the next test: the same fields, a new object
			const testRequest = credential.test.request;
			const request = {
				...testRequest,
				baseURL: env.emulator.url,
				headers: { ...testRequest.headers },
			} as IHttpRequestOptions;
			expect(await pinningError(stored, request)).toBe(
				'The stored Microsoft Entra token cannot be used (the credential test always signs in afresh): signing in again',
			);
			Object.assign(stored, await preAuthenticate(stored));
			const out = await credential.authenticate(stored as never, request);
			expect(Object.keys(out.headers ?? {})).toEqual(['Authorization']);
		});
	});

	it('uses Microsoft’s hosts for the national clouds', async () => {
		// `usGovL5` is what credentials saved by earlier versions hold; graph-client calls that cloud `usGovL5DoD`.
		for (const cloud of ['usGovL5', 'usGovL5DoD']) {
			const options = await credential.authenticate(signedIn({ cloud, accessToken: 't' }), {
				url: 'https://dod-graph.microsoft.us/v1.0/subscribedSkus',
			});
			expect(options.headers?.Authorization).toBe('Bearer t');
		}
		expect(
			await pinningError(signedIn({ cloud: 'china', accessToken: 't' }), {
				url: 'https://graph.microsoft.com/v1.0/x',
			}),
		).toBe(
			'Refusing to send the Microsoft Entra token to https://graph.microsoft.com: it only goes to https://microsoftgraph.chinacloudapi.cn',
		);
	});

	it('takes every cloud’s Graph and login hosts from graph-client (one table), for both credentials', () => {
		const stored = {
			global: 'global',
			usGovL4: 'usGovL4',
			usGovL5: 'usGovL5DoD',
			usGovL5DoD: 'usGovL5DoD',
			china: 'china',
		} as const;
		for (const [cloud, graphCloud] of Object.entries(stored)) {
			expect(endpointsFor({ cloud })).toEqual({
				graphBaseUrl: GRAPH_CLOUDS[graphCloud].graph,
				loginBaseUrl: GRAPH_CLOUDS[graphCloud].login,
			});
		}
		const oauth = JSON.stringify(new MicrosoftEntraLicensingOAuth2Api().properties);
		expect(oauth).toContain(GRAPH_CLOUDS.china.login);
		expect(JSON.stringify(credential.test)).toContain(GRAPH_CLOUDS.usGovL5DoD.graph);
		const cloudField = credential.properties.find((p) => p.name === 'cloud');
		expect(cloudField?.options?.map((o) => (o as { value: string }).value)).toEqual([
			...Object.keys(GRAPH_CLOUDS),
			'custom',
		]);
	});
});
