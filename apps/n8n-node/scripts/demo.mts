#!/usr/bin/env node
// The main job: runs a real n8n workflow of this node against the Graph emulator and prints what changed.
// First run: installs n8n 2.41.1 (with Node.js 24) into a cache outside the repository, with progress.
//
//   pnpm --filter n8n-nodes-entra-licensing demo     (tsx scripts/demo.mts)
import { rmSync } from 'node:fs';
import {
	emulatorCredential,
	executeBatch,
	importCredentials,
	importWorkflows,
	setUpRealN8n,
} from '@entra-licensing/n8n-harness';
import { N8N_VERSION, NODE_VERSION } from '@entra-licensing/n8n-harness/install';
import { DEMO_DISABLED_PLAN, DEMO_GROUP, DEMO_PRODUCT, demoWorkflow } from './demo-workflow.mjs';

/** The fields of the demo nodes' outputs that this script prints. */
interface DemoOutput {
	changes?: Array<{ action: string; sku: string; plansDisabled?: Array<{ label: string }> }>;
	warnings?: Array<{ message: string }>;
	processingState?: string;
	polls?: number;
	elapsedMs?: number;
	membersWithErrors?: Array<{
		displayName: string;
		userPrincipalName: string;
		errors: Array<{ error: string; explanation: string; remediation: string }>;
	}>;
	displayName?: string;
	licenses?: Array<{ sku: string }>;
}

/** Ends the demo on a failure before n8n ran: the message alone, no stack trace. */
function stop(error: unknown): never {
	process.stderr.write(`\n✗ ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}

const step = (text: string) => process.stdout.write(`\n▸ ${text}\n`);
const line = (text = '') => process.stdout.write(`  ${text}\n`);

step(
	`Preparing a real n8n ${N8N_VERSION} (Node.js ${NODE_VERSION}), the packed node and the Graph emulator`,
);
const started = Date.now();
const { paths, home, emulator } = await setUpRealN8n({ emulatorOptions: { timeScale: 10 } }).catch(
	stop,
);
let failed = false;
try {
	line(`n8n:       ${paths.n8nBin}`);
	line(
		`this node: ${home}/.n8n/nodes/node_modules/n8n-nodes-entra-licensing (built from this clone and installed where n8n's Community Nodes installs packages; a throw-away n8n folder, deleted at the end)`,
	);
	line(
		`emulator:  ${emulator.url} (a stand-in for Microsoft Graph; tenant ${emulator.config.tenantDomain})`,
	);

	step('Adding the emulator credential and the demo workflow to n8n');
	await importCredentials(paths, home, [emulatorCredential(emulator)]);
	await importWorkflows(paths, home, [demoWorkflow]);
	line(`workflow "${demoWorkflow.name}": ${demoWorkflow.nodes.map((n) => n.name).join(' → ')}`);

	step('Running the workflow in n8n');
	const { results } = await executeBatch(paths, home, [demoWorkflow.id]);
	const result = results[demoWorkflow.id];
	if (result?.status !== 'success' || !result.runData) {
		failed = true;
		line(`the workflow failed: ${result?.error ?? 'no result'}`);
	} else {
		const runData = result.runData;
		const out = (node: string): DemoOutput => (runData[node]?.[0] ?? {}) as DemoOutput;
		const assigned = out('Assign Microsoft 365 E5');
		const waited = out('Wait for Processing');
		const removed = out('Remove Microsoft 365 E5');
		const after = out('Licenses After');

		step(`What changed on group "${DEMO_GROUP}"`);
		for (const warning of assigned.warnings ?? []) line(`! before the change: ${warning.message}`);
		for (const change of assigned.changes ?? []) {
			const disabled = (change.plansDisabled ?? []).map((p) => p.label).join(', ') || 'none';
			line(
				`${change.action === 'add' ? '+ added  ' : `  ${change.action}`} ${change.sku}  (plans turned off: ${disabled})`,
			);
		}
		line('  (one Microsoft Graph request: assignLicense on the group)');

		step('Microsoft Entra processing the group (licenses reach every member)');
		line(
			`state ${waited.processingState} after ${waited.polls} polls, ${waited.elapsedMs} ms (emulator time × 1/10)`,
		);
		const members = waited.membersWithErrors ?? [];
		line(`${members.length} member(s) could not get ${DEMO_PRODUCT}:`);
		for (const member of members) {
			for (const error of member.errors) {
				line(
					`  ✗ ${member.displayName} <${member.userPrincipalName}>: ${error.error} — ${error.explanation}`,
				);
			}
		}
		if (members[0]?.errors[0]) line(`  what to do: ${members[0].errors[0].remediation}`);

		step('Cleaning up');
		for (const change of removed.changes ?? []) {
			if (change.action === 'remove') line(`- removed  ${change.sku}`);
		}
		line(
			`licenses of "${after.displayName}" now: ${(after.licenses ?? []).map((l) => l.sku).join(', ') || 'none'}`,
		);

		step('Summary');
		line(
			`In a real n8n, the node assigned ${DEMO_PRODUCT} by its product name to "${DEMO_GROUP}" with ${DEMO_DISABLED_PLAN} turned off,`,
		);
		line(
			`waited for group-based licensing, reported ${members.length} member(s) in error, and removed the license again.`,
		);
		line(`Total time ${Math.round((Date.now() - started) / 1000)} s.`);
	}
} catch (error) {
	failed = true;
	// n8n's own words (the harness's message carries the end of its output), without a stack trace of ours.
	process.stderr.write(`\n✗ ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
	emulator.stop();
	rmSync(home, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
