/**
 * Issue 23: the three front-ends show the same impact for the same change. One scenario (memberImpactScenario), one
 * change (Sales loses Office 365 E3), through the library (`service.plan(…, { impact: true })`), the CLI's built bin
 * (`plan --json` of a desired-state file that removes it) and this node (Group › Remove License with Dry Run).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGraphClient } from '@entra-licensing/graph-client';
import { defaultSeed } from '@entra-licensing/graph-emulator';
import { memberImpactScenario } from '@entra-licensing/graph-emulator/testing';
import { createLicensingService, type MemberImpact } from '@entra-licensing/licensing';
import type { INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import {
	emulatorCredentials,
	rl,
	type SpawnedEmulator,
	startTestEmulator,
} from '../../harness/emulator';
import { createContext } from '../support/context';

// The CLI is a dev dependency of this package, so turbo builds it before these tests run.
const CLI_BIN = path.join(
	path.dirname(createRequire(import.meta.url).resolve('@entra-licensing/cli/package.json')),
	'bin',
	'entra-licensing.js',
);
const { seed, ids } = memberImpactScenario;
const node = new MicrosoftEntraLicensing().nodeVersions[1]!;

let emulator: SpawnedEmulator;
let dir: string;

beforeAll(async () => {
	emulator = await startTestEmulator({ seed: { ...seed, apps: defaultSeed.apps } });
	dir = mkdtempSync(path.join(tmpdir(), 'entra-licensing-same-impact-'));
});
afterAll(async () => {
	await emulator?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

function adminApp() {
	const app = emulator.config.apps.find((a) => a.name === 'licensing-admin');
	if (!app) throw new Error('the emulator has no licensing-admin app');
	return app;
}

async function throughLibrary(): Promise<MemberImpact | undefined> {
	const app = adminApp();
	const client = createGraphClient({
		baseUrl: emulator.url,
		loginBaseUrl: emulator.config.loginBaseUrl,
		credentials: {
			tenantId: emulator.tenantId,
			clientId: app.clientId,
			clientSecret: app.clientSecret,
		},
	});
	const service = createLicensingService({ client });
	const planned = await service.plan(
		{ kind: 'group', id: ids.groups.sales },
		{ action: 'remove', skus: ['ENTERPRISEPACK'] },
		{ impact: true },
	);
	return planned.impact?.impact;
}

function throughCli(): Promise<{ code: number | null; impact: MemberImpact | undefined }> {
	// Sales holds only E3: an empty, exclusive license list removes it and nothing else.
	const file = path.join(dir, 'sales-without-e3.yaml');
	writeFileSync(
		file,
		['groups:', '  - group: Sales', '    licenses: []', '    exclusive: true', ''].join('\n'),
	);
	const app = adminApp();
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				CLI_BIN,
				'plan',
				file,
				'--json',
				'--graph-base-url',
				emulator.url,
				'--login-base-url',
				emulator.config.loginBaseUrl,
			],
			{
				env: {
					PATH: process.env.PATH ?? '',
					AZURE_TENANT_ID: emulator.tenantId,
					AZURE_CLIENT_ID: app.clientId,
					AZURE_CLIENT_SECRET: app.clientSecret,
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => {
			stdout += d;
		});
		child.on('error', reject);
		child.on('close', (code) => {
			const json = JSON.parse(stdout) as { targets: { impact?: MemberImpact }[] };
			expect(json.targets).toHaveLength(1);
			resolve({ code, impact: json.targets[0]?.impact });
		});
	});
}

async function throughNode(): Promise<{ json: INodeExecutionData['json'] }> {
	const context = createContext({
		credentials: emulatorCredentials(emulator),
		parameters: {
			resource: 'group',
			operation: 'removeLicense',
			group: rl(ids.groups.sales),
			skus: ['ENTERPRISEPACK'],
			dryRun: true,
		},
	});
	const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
	return { json: output![0]!.json };
}

describe('the same impact through the library, the CLI and the node', () => {
	it('Sales losing Office 365 E3: members, losing and gaining are equal field by field', async () => {
		const library = await throughLibrary();
		const cli = await throughCli();
		const n8n = await throughNode();
		expect(cli.code).toBe(0);
		expect(n8n.json.status).toBe('planned');
		// the scenario's change reaches Sales' four members and takes something from some of them
		expect(library?.members).toBe(4);
		expect(library?.losing.length).toBeGreaterThan(0);
		const nodeImpact = n8n.json.impact as unknown as MemberImpact | undefined;
		for (const impact of [cli.impact, nodeImpact]) {
			expect(impact?.members).toBe(library?.members);
			expect(impact?.losing).toEqual(library?.losing);
			expect(impact?.gaining).toEqual(library?.gaining);
			expect(impact).toEqual(library);
		}
		// nothing was written by any of the three
		expect((await emulator.requests()).filter((r) => r.write)).toEqual([]);
	}, 120_000);
});
