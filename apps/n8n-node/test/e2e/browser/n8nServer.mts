/**
 * A real n8n editor for the browser test: `n8n start` from the cache on a free loopback port, with the packed node
 * installed in the user folder as a user installs it. The test creates the local owner account in the editor's
 * set-up form, as a user does on first visit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { n8nEnv } from '@entra-licensing/n8n-harness';
import type { N8nPaths } from '@entra-licensing/n8n-harness/install';

/** The local owner account the test creates. */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'Browser-Test-1',
};

export interface RunningN8n {
	url: string;
	/** n8n's own output, for the failure message of a test. */
	output(): string;
	stop(): Promise<void>;
}

/** A port the OS says is free now (n8n binds it a moment later). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

async function waitUntilReady(
	url: string,
	child: ChildProcess,
	output: () => string,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`n8n start exited (${child.exitCode}):\n${output()}`);
		try {
			const response = await fetch(`${url}/rest/settings`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not answer on ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}

export async function startN8nServer(paths: N8nPaths, home: string): Promise<RunningN8n> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(paths.node, [paths.n8nBin, 'start'], {
		env: n8nEnv(paths, home, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_EDITOR_BASE_URL: url,
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout?.on('data', (chunk) => {
		log += chunk;
	});
	child.stderr?.on('data', (chunk) => {
		log += chunk;
	});
	const output = () => log.slice(-8000);
	const stop = async () => {
		if (child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	};
	try {
		await waitUntilReady(url, child, output, 240_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, output, stop };
}
