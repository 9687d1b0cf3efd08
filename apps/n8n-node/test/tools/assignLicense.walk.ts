/**
 * Not a test: the files one n8n item of "Group › Assign License" crosses, from the node's execute() to the HTTP
 * write (issue 21's walk).
 *
 * Runs the node in-process against the emulator (over real HTTP) with V8's precise coverage on: the counters are
 * reset once everything is imported and the context built, so a file is counted when a function of it runs during
 * `execute()` for one item (a group by name, one SKU). Prints the files by kind: this repository's hand-written
 * ones (node and workspace packages), Kiota's generated ones, and the number of library files.
 *
 *   pnpm --filter n8n-nodes-entra-licensing exec vitest run --project walk
 */
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { INodeExecutionData } from 'n8n-workflow';
import { expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { emulatorCredentials, rl, useTestEmulator } from '../harness/emulator';
import { createContext } from '../v1/support/context';

const repoRoot = join(__dirname, '..', '..', '..', '..', '/');
const env = useTestEmulator();

type Coverage = {
	result: Array<{
		url: string;
		functions: Array<{ functionName: string; ranges: Array<{ count: number }> }>;
	}>;
};

/** Functions whose calls show work done twice (before issue 21: the intent resolved and the target checked twice). */
const WATCHED = [
	'resolveIntent',
	'checkTarget',
	'resolveSku',
	'applyBulk',
	'runEngine',
	'resolveTarget',
];

type Kind = 'hand-written' | 'generated' | 'library' | 'test harness';

function kindOf(path: string): Kind {
	if (path.includes('/node_modules/')) return 'library';
	if (/\/apps\/n8n-node\/(test|scripts)\//.test(path)) return 'test harness';
	if (/\/(src|dist)\/generated\//.test(path)) return 'generated';
	return 'hand-written';
}

it('walks one item of Group › Assign License to the write', async () => {
	const session = new Session();
	session.connect();
	try {
		await session.post('Profiler.enable');
		await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
		const node = new MicrosoftEntraLicensing().nodeVersions[1];
		const context = createContext({
			credentials: emulatorCredentials(env.emulator),
			parameters: {
				resource: 'group',
				operation: 'assignLicense',
				group: rl('Contractors', 'name'),
				licenses: { license: [{ sku: 'AAD_PREMIUM', disabledPlans: [] }] },
			},
		});
		// Everything imported and built: from here on, only what execute() runs counts.
		await session.post('Profiler.takePreciseCoverage');
		const [output] = ((await node?.execute?.call(context.execute)) ?? []) as INodeExecutionData[][];
		const coverage = (await session.post('Profiler.takePreciseCoverage')) as Coverage;
		expect(output?.[0]?.json.status).toBe('applied');

		const files = new Map<string, Kind>();
		const calls = new Map<string, number>();
		let functions = 0;
		for (const script of coverage.result) {
			if (!script.url.startsWith('file://') || script.url.endsWith('.json')) continue;
			if (!script.functions.some((f) => (f.ranges[0]?.count ?? 0) > 0)) continue;
			const path = fileURLToPath(script.url);
			for (const f of script.functions) {
				const count = f.ranges[0]?.count ?? 0;
				if (count === 0 || kindOf(path) !== 'hand-written') continue;
				functions += 1;
				if (WATCHED.includes(f.functionName))
					calls.set(f.functionName, (calls.get(f.functionName) ?? 0) + count);
			}
			files.set(path.startsWith(repoRoot) ? path.slice(repoRoot.length) : path, kindOf(path));
		}
		const lines: string[] = [];
		for (const kind of ['hand-written', 'generated', 'library'] as const) {
			const list = [...files].filter(([, k]) => k === kind).map(([p]) => p);
			lines.push(`${kind}: ${list.length} files`);
			if (kind === 'hand-written') lines.push(...list.sort().map((p) => `  ${p}`));
		}
		lines.push(`hand-written functions run: ${functions}`);
		lines.push(`calls: ${WATCHED.map((name) => `${name} ${calls.get(name) ?? 0}`).join(', ')}`);
		process.stdout.write(`\n${lines.join('\n')}\n`);
	} finally {
		session.disconnect();
	}
});
