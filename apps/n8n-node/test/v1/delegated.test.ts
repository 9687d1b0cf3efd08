import type { INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensingOAuth2Api } from '../../credentials/MicrosoftEntraLicensingOAuth2Api.credentials';
import { MicrosoftEntraLicensing } from '../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { useTestEmulator } from '../harness/emulator';
import { createContext } from './support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

describe('Authentication: Delegated (OAuth2)', () => {
	it('extends n8n’s oAuth2Api with Microsoft’s authorize and token URLs of the chosen cloud', () => {
		const credential = new MicrosoftEntraLicensingOAuth2Api();
		expect(credential.extends).toEqual(['oAuth2Api']);
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		expect(byName.grantType).toBe('authorizationCode');
		expect(String(byName.authUrl)).toContain('"global":"https://login.microsoftonline.com"');
		expect(String(byName.authUrl)).toContain('/oauth2/v2.0/authorize');
		expect(String(byName.scope)).toContain('offline_access');
		expect(String(byName.scope)).toContain('LicenseAssignment.ReadWrite.All');
	});

	it('sends the requests with the delegated credential n8n refreshes, to the credential’s Graph', async () => {
		// The token n8n would have stored after the consent flow (the env.emulator issues app tokens only).
		const token = await env.emulator.getToken('licensing-admin', {
			scope: `${env.emulator.url}/.default`,
		});
		const context = createContext({
			parameters: {
				authentication: 'oAuth2',
				resource: 'sku',
				operation: 'get',
				sku: 'Office 365 E5',
			},
			credentials: {
				cloud: 'custom',
				graphBaseUrl: env.emulator.url,
				loginBaseUrl: env.emulator.url,
				tenant: 'organizations',
				oauthTokenData: { access_token: token },
			},
		});
		const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
		expect(output![0]!.json).toMatchObject({ skuPartNumber: 'ENTERPRISEPREMIUM' });
		expect([...context.usedCredentialTypes]).toEqual(['microsoftEntraLicensingOAuth2Api']);
		expect(context.calls.every((c) => c.url.startsWith(`${env.emulator.url}/v1.0/`))).toBe(true);
	});
});
