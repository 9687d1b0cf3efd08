/**
 * The harness that `demo`, `dev` and these suites share, in the real n8n: it runs beside another process that
 * holds a port n8n wants (its task broker's), and when n8n fails it reports n8n's own words.
 */
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import {
	executeBatch,
	freePortSync,
	importWorkflows,
	isPortFree,
	type N8nPaths,
	n8nEnv,
	type SpawnedEmulator,
	setUpRealN8n,
} from '@entra-licensing/n8n-harness';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chain } from './workflows';

/** The smallest workflow n8n runs (the harness is under test here, not the node: realN8n.test.ts has those). */
const workflow = chain('e2eHarnessPorts01', 'Harness: free ports', [
	{
		id: 'noop',
		name: 'No Operation',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	},
]);

let paths: N8nPaths;
let home: string;
let emulator: SpawnedEmulator;
/** Stands for "another n8n": a listener on a port this run's n8n must not need. */
let holder: Server;
let heldPort: number;

beforeAll(async () => {
	holder = createServer();
	await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
	heldPort = (holder.address() as { port: number }).port;
	({ paths, home, emulator } = await setUpRealN8n({ tarball: inject('nodeTarball') }));
	await importWorkflows(paths, home, [workflow]);
});

afterAll(() => {
	emulator?.stop();
	holder?.close();
	if (home) rmSync(home, { recursive: true, force: true });
});

describe('the n8n harness', () => {
	it('gives every n8n run a task-broker port that is free, never a held one', async () => {
		const ports = [0, 1, 2].map(() => Number(n8nEnv(paths, home).N8N_RUNNERS_BROKER_PORT));
		for (const port of ports) {
			expect(Number.isInteger(port) && port > 0).toBe(true);
			expect(port).not.toBe(heldPort);
			expect(await isPortFree(port)).toBe(true);
		}
		expect(await isPortFree(heldPort)).toBe(false);
		expect(Number.isInteger(freePortSync())).toBe(true);
	});

	it('runs a workflow while another process holds a port', async () => {
		const { results } = await executeBatch(paths, home, [workflow.id]);
		expect(results[workflow.id]?.status).toBe('success');
	});

	it("reports n8n's own error when n8n cannot start (its task-broker port is taken)", async () => {
		const failure = await executeBatch(paths, home, [workflow.id], {
			extraEnv: { N8N_RUNNERS_BROKER_PORT: String(heldPort) },
		}).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(Error);
		const lines = (failure as Error).message.split('\n');
		expect(lines[0]).toBe('n8n execute-batch failed (exit code 1) and wrote no results; n8n said:');
		expect(lines).toContain(
			`n8n Task Broker's port ${heldPort} is already in use. Do you have another instance of n8n running already?`,
		);
	});
});
