import { describe, expect, it } from 'vitest';

import { GRAPH_CLOUDS } from '@entra-licensing/graph-client';

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

describe('Microsoft Entra Licensing API credential', () => {
	it('gets an app-only token from the configured login URL', async () => {
		const result = await preAuthenticate(emulatorCredentials(env.emulator));
		expect(typeof result.accessToken).toBe('string');
		expect(String(result.accessToken).split('.')).toHaveLength(3);
	});

	it('reports a wrong secret with Entra’s reason and never the secret', async () => {
		const wrong = 'not-the-secret~0123456789';
		const error = await preAuthenticate({ ...emulatorCredentials(env.emulator), clientSecret: wrong }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/refused the sign-in of client .* in tenant contoso\.onmicrosoft\.com: AADSTS/);
		expect(JSON.stringify(error)).not.toContain(wrong);
		expect((error as Error).message).not.toContain(wrong);
		expect((error as Error).stack ?? '').not.toContain(wrong);
	});

	it('validates the tenant before any request', async () => {
		await expect(preAuthenticate({ ...emulatorCredentials(env.emulator), tenant: 'not a tenant' })).rejects.toThrow(
			'Tenant "not a tenant" is not valid',
		);
	});

	it('accepts http only for loopback hosts in the Custom cloud', async () => {
		await expect(
			preAuthenticate({ ...emulatorCredentials(env.emulator), graphBaseUrl: 'http://graph.example.com' }),
		).rejects.toThrow('Graph Base URL "http://graph.example.com" must use https');
	});

	it('adds the token only to requests for the configured Graph host', async () => {
		const data = { ...emulatorCredentials(env.emulator), accessToken: 'token-value' };
		const ok = await credential.authenticate(data, { url: `${env.emulator.url}/v1.0/subscribedSkus`, headers: {} });
		expect(ok.headers?.Authorization).toBe('Bearer token-value');
		await expect(credential.authenticate(data, { url: 'https://elsewhere.example.com/steal', headers: {} })).rejects.toThrow(
			`Refusing to send the Microsoft Entra token to https://elsewhere.example.com: it only goes to ${new URL(env.emulator.url).origin}`,
		);
	});

	it('uses Microsoft’s hosts for the national clouds', async () => {
		const data = { cloud: 'usGovL5', accessToken: 't' };
		const options = await credential.authenticate(data, { url: 'https://dod-graph.microsoft.us/v1.0/subscribedSkus' });
		expect(options.headers?.Authorization).toBe('Bearer t');
		await expect(credential.authenticate({ cloud: 'china', accessToken: 't' }, { url: 'https://graph.microsoft.com/v1.0/x' })).rejects.toThrow(
			'it only goes to https://microsoftgraph.chinacloudapi.cn',
		);
	});

	it('takes every cloud’s Graph and login hosts from graph-client (one table), for both credentials', () => {
		const stored = { global: 'global', usGovL4: 'usGovL4', usGovL5: 'usGovL5DoD', china: 'china' } as const;
		for (const [cloud, graphCloud] of Object.entries(stored)) {
			expect(endpointsFor({ cloud })).toEqual({
				graphBaseUrl: GRAPH_CLOUDS[graphCloud].graph,
				loginBaseUrl: GRAPH_CLOUDS[graphCloud].login,
			});
		}
		const oauth = JSON.stringify(new MicrosoftEntraLicensingOAuth2Api().properties);
		expect(oauth).toContain(GRAPH_CLOUDS.china.login);
		expect(JSON.stringify(credential.test)).toContain(GRAPH_CLOUDS.usGovL5DoD.graph);
	});
});
