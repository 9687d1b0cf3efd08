/**
 * Tenant › Get License Report against the emulator: the node's items are exactly the findings the library computes
 * for the same seeded tenant (read by the library through its own Graph client), or the whole report as one item.
 */
import { createGraphClient } from '@entra-licensing/graph-client';
import {
	createLicensingService,
	type LicenseReport,
	readLicenseReport,
} from '@entra-licensing/licensing';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { emulatorCredentials, useTestEmulator } from '../harness/emulator';
import { createContext } from './support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

/** The report as the library reads it, through a Graph client of its own (not the node's transport). */
async function libraryReport(): Promise<LicenseReport> {
	const app = env.emulator.config.apps.find((a) => a.name === 'licensing-admin')!;
	const client = createGraphClient({
		baseUrl: env.emulator.url,
		loginBaseUrl: env.emulator.config.loginBaseUrl,
		scope: `${env.emulator.url}/.default`,
		credentials: {
			tenantId: env.emulator.config.tenantId,
			clientId: app.clientId,
			clientSecret: app.clientSecret,
		},
	});
	return await readLicenseReport({ client, service: createLicensingService({ client }) });
}

async function runReport(output?: string): Promise<IDataObject[]> {
	const [items] = (await node.execute!.call(
		createContext({
			parameters: {
				resource: 'tenant',
				operation: 'getLicenseReport',
				...(output ? { output } : {}),
			},
			credentials: emulatorCredentials(env.emulator),
			// Two input items: the tenant is read once and answered once.
			items: [{}, {}],
		}).execute,
	)) as INodeExecutionData[][];
	return (items ?? []).map((item) => item.json);
}

describe('Tenant › Get License Report', () => {
	let expected: LicenseReport;
	beforeAll(async () => {
		expected = await libraryReport();
	});

	it('the seeded tenant has findings to report', () => {
		expect(expected.findings.length).toBeGreaterThan(0);
	});

	it('returns one item per finding, exactly the findings the library computes', async () => {
		const findings = await runReport();
		expect(findings).toEqual(JSON.parse(JSON.stringify(expected.findings)));
		expect(findings.map((f) => f.kind)).toEqual(expected.findings.map((f) => f.kind));
	});

	it('returns the whole report as one item with Output = Whole Report', async () => {
		const items = await runReport('report');
		expect(items).toHaveLength(1);
		const report = items[0] as unknown as LicenseReport;
		expect(report.tenant).toEqual(expected.tenant);
		expect(report.skus).toEqual(expected.skus);
		expect(report.findings).toEqual(JSON.parse(JSON.stringify(expected.findings)));
		expect(typeof report.generatedAt).toBe('string');
	});
});
