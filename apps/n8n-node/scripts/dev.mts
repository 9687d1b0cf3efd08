#!/usr/bin/env node
// Opens the n8n editor with this node installed (as a community package, from the packed tarball), a ready
// credential for the Graph emulator and the demo workflow. First run installs n8n 2.41.1 (see n8n-install.mts).
//
//   pnpm --filter n8n-nodes-entra-licensing dev  (tsx scripts/dev.mts)  then open http://localhost:5678
//
// Environment: N8N_PORT (default 5678, or a free port when 5678 is taken), ENTRA_N8N_DEV_HOME (n8n user folder
// kept between runs, default $HOME/.cache/entra-licensing/dev-home), ENTRA_EMULATOR_PORT (default 4000, or a
// free port when 4000 is taken). n8n's task broker always gets a free port, so this runs beside another n8n.
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
	emulatorCredential,
	importCredentials,
	importWorkflows,
	portOrFree,
	runN8n,
	setUpRealN8n,
} from '@entra-licensing/n8n-harness';
import { demoWorkflow } from './demo-workflow.mjs';

const port = process.env.N8N_PORT ?? String(await portOrFree(5678, 'n8n editor'));
const home =
	process.env.ENTRA_N8N_DEV_HOME ?? join(homedir(), '.cache', 'entra-licensing', 'dev-home');
const emulatorPort =
	process.env.ENTRA_EMULATOR_PORT ?? String(await portOrFree(4000, 'Graph emulator'));

/** Ends on a failure before the editor started: the message alone (it carries n8n's output), no stack trace. */
function fail(error: unknown): never {
	process.stderr.write(`\n✗ ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}

const { paths, emulator } = await setUpRealN8n({
	home,
	emulatorOptions: { timeScale: 10, extraArgs: ['--port', emulatorPort] },
}).catch(fail);
try {
	await importCredentials(paths, home, [emulatorCredential(emulator)]);
	await importWorkflows(paths, home, [demoWorkflow]);
} catch (error) {
	emulator.stop();
	fail(error);
}

process.stdout.write(
	[
		'',
		`n8n editor:      http://localhost:${port}  (first visit: create the local owner account)`,
		`Graph emulator:  ${emulator.url}  (tenant ${emulator.config.tenantDomain})`,
		'Credential:      "Graph Emulator (licensing-admin)" (cloud Custom) is ready',
		`Workflow:        "${demoWorkflow.name}"`,
		'Stop with Ctrl+C.',
		'',
	].join('\n'),
);

const stop = () => emulator.stop();
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const result = await runN8n(paths, home, ['start'], {
	inherit: true,
	extraEnv: { N8N_PORT: port, N8N_LOG_LEVEL: 'info', N8N_SECURE_COOKIE: 'false' },
});
stop();
// n8n's own output went to this terminal (level info), so its reason is already on screen.
if (result.code)
	process.stderr.write(`\n✗ n8n stopped with exit code ${result.code} (its output is above)\n`);
process.exitCode = result.code ?? 0;
