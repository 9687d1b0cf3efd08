#!/usr/bin/env node
// Opens the n8n editor with this node installed (as a community package, from the packed tarball), a ready
// credential for the Graph emulator and the demo workflow. First run installs n8n 2.41.1 (see the n8n harness).
// Your work is kept: the workflow and the credential are added only when missing; `--reset` restores both.
//
//   npm run dev [-- --reset]   (from the repository root; or pnpm --filter n8n-nodes-entra-licensing dev)
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
	planDevSetup,
	portOrFree,
	readSavedDevState,
	runN8n,
	setUpRealN8n,
} from '@entra-licensing/n8n-harness';
import { DEMO_CREDENTIAL, demoWorkflow } from './demo-workflow.mjs';

const reset = process.argv.includes('--reset');
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
let plan: ReturnType<typeof planDevSetup>;
try {
	const saved = await readSavedDevState(paths, home, {
		workflowId: demoWorkflow.id,
		credentialId: DEMO_CREDENTIAL.id,
	});
	const credential = emulatorCredential(emulator);
	plan = planDevSetup(
		saved,
		{ graphBaseUrl: emulator.url, loginBaseUrl: emulator.config.loginBaseUrl },
		{ reset, workflowName: demoWorkflow.name, credentialName: DEMO_CREDENTIAL.name },
	);
	if (plan.importCredential) await importCredentials(paths, home, [credential]);
	if (plan.importWorkflow) await importWorkflows(paths, home, [demoWorkflow]);
} catch (error) {
	emulator.stop();
	fail(error);
}

/** Whether n8n still asks for its owner account (a first visit), from the editor's own settings. */
async function ownerPending(): Promise<boolean | undefined> {
	for (let attempt = 0; attempt < 600; attempt++) {
		try {
			const response = await fetch(`http://127.0.0.1:${port}/rest/settings`);
			if (response.ok) {
				const body = (await response.json()) as {
					data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
				};
				return body.data?.userManagement?.showSetupOnFirstLoad;
			}
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return undefined;
}

const stop = () => emulator.stop();
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const n8n = runN8n(paths, home, ['start'], {
	inherit: true,
	extraEnv: { N8N_PORT: port, N8N_LOG_LEVEL: 'info', N8N_SECURE_COOKIE: 'false' },
});
void ownerPending().then((pending) => {
	const visit =
		pending === true
			? '  (first visit: create the local owner account)'
			: pending === false
				? '  (sign in with the owner account you created)'
				: '';
	process.stdout.write(
		[
			'',
			`n8n editor:      http://localhost:${port}${visit}`,
			`Graph emulator:  ${emulator.url}  (tenant ${emulator.config.tenantDomain}; its data starts fresh each run)`,
			`Credential:      ${plan.credentialLine}`,
			`Workflow:        ${plan.workflowLine}`,
			`Editor state:    ${join(home, '.n8n')}  (account, workflows, credentials, executions; kept between runs)`,
			`                 start clean: stop this, delete that folder, run \`npm run dev\` again`,
			'Stop with Ctrl+C.',
			'',
		].join('\n'),
	);
});
const result = await n8n;
stop();
// n8n's own output went to this terminal (level info), so its reason is already on screen.
if (result.code)
	process.stderr.write(`\n✗ n8n stopped with exit code ${result.code} (its output is above)\n`);
process.exitCode = result.code ?? 0;
