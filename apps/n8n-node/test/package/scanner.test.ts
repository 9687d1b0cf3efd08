/**
 * The package as n8n sees it: the `npm pack` tarball, unpacked, and the sources, scanned with the rules of
 * @n8n/scan-community-package (`analyzePackage()`, offline); the packed manifest checked.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const root = join(__dirname, '..', '..');

interface ScanResult {
	passed: boolean;
	message: string | null;
	details: string | null;
	manifest: {
		dependencies?: Record<string, string>;
		peerDependencies?: Record<string, string>;
		license: string;
		n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
	};
	files: string[];
}

let scan: ScanResult;

beforeAll(() => {
	const tarball = inject('nodeTarball');
	const out = execFileSync(
		process.execPath,
		[join(root, 'scripts', 'scan.mjs'), '--json', `--tarball=${tarball}`],
		{
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, NODE_ENV: 'production' },
		},
	);
	scan = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ScanResult;
}, 180_000);

describe('the packed n8n-nodes-entra-licensing', () => {
	it('passes the community-package scanner rules with no finding, on the tarball and on the sources', () => {
		expect(scan.details).toBeNull();
		expect(scan.passed).toBe(true);
	});

	it('has no runtime dependencies, only the n8n-workflow peer', () => {
		expect(scan.manifest.dependencies ?? {}).toEqual({});
		expect(scan.manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(scan.manifest.license).toBe('MIT');
	});

	it('ships every node, credential, icon and codex file it declares, and nothing from the sources', () => {
		const files = scan.files.map((f) => f.replace(/^package\//, ''));
		for (const entry of [...scan.manifest.n8n.nodes, ...scan.manifest.n8n.credentials]) {
			expect(files).toContain(entry);
		}
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/icons/entraLicensing.svg',
				'dist/icons/entraLicensing.dark.svg',
				'dist/nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node.json',
			]),
		);
		expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
	});
});
