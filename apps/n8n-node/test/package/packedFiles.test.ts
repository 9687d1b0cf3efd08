/**
 * What the published tarball holds (`npm pack --dry-run --json`): the built node, its licence, the licences of
 * every package it bundles, and nothing of the sources, tests, scripts or CONTRIBUTING.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodePackageRoot as packageRoot } from '@entra-licensing/n8n-harness';
import { describe, expect, it } from 'vitest';

function packedFiles(): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: packageRoot,
		encoding: 'utf8',
	});
	const [result] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
	return result!.files.map((f) => f.path).sort();
}

describe('the packed package', () => {
	it('holds exactly the built node, LICENSE, README and the third-party notices', () => {
		expect(packedFiles()).toEqual([
			'LICENSE',
			'README.md',
			'THIRD_PARTY_NOTICES.md',
			'dist/credentials/MicrosoftEntraLicensingApi.credentials.js',
			'dist/credentials/MicrosoftEntraLicensingOAuth2Api.credentials.js',
			'dist/icons/entraLicensing.dark.svg',
			'dist/icons/entraLicensing.svg',
			'dist/nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node.js',
			'dist/nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node.json',
			'dist/nodes/MicrosoftEntraLicensingTrigger/MicrosoftEntraLicensingTrigger.node.js',
			'dist/nodes/MicrosoftEntraLicensingTrigger/MicrosoftEntraLicensingTrigger.node.json',
			'package.json',
		]);
	});

	it('names every bundled third-party package with its licence', () => {
		const notices = readFileSync(join(packageRoot, 'THIRD_PARTY_NOTICES.md'), 'utf8');
		const listed = [...notices.matchAll(/^- (\S+) \S+ \((\S+)\)$/gm)].map(([, name, licence]) => [
			name,
			licence,
		]);
		expect(Object.fromEntries(listed)).toEqual({
			'@microsoft/kiota-abstractions': 'MIT',
			'@microsoft/kiota-http-fetchlibrary': 'MIT',
			'@microsoft/kiota-serialization-form': 'MIT',
			'@microsoft/kiota-serialization-json': 'MIT',
			'@microsoft/kiota-serialization-multipart': 'MIT',
			'@microsoft/kiota-serialization-text': 'MIT',
			'@opentelemetry/api': 'Apache-2.0',
			'@std-uritemplate/std-uritemplate': 'Apache-2.0',
			'fastest-levenshtein': 'MIT',
			jose: 'MIT',
			tinyduration: 'MIT',
			tslib: '0BSD',
		});
		// Each licence text is there, not just its name.
		expect(notices).toContain(
			'Apache License\n                           Version 2.0, January 2004',
		);
		expect(notices).toContain(
			'Permission to use, copy, modify, and/or distribute this software for any',
		);
		expect(readFileSync(join(packageRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
	});

	it('bundles exactly the packages the notices name (the bundle’s own path comments and the bundled workspace packages’ listings agree)', () => {
		const bundle = readFileSync(
			join(packageRoot, 'dist/nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node.js'),
			'utf8',
		);
		// esbuild keeps every bundled module's path in a comment: the node_modules packages among them. The
		// workspace packages ship their dist already bundled, and list what they bundled in dist/bundled-packages.json.
		const fromComments = [
			...bundle.matchAll(
				/^\/\/ (?:\.\.\/)*node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm,
			),
		].map(([, name]) => name);
		const fromWorkspace = ['graph-client', 'licensing'].flatMap((pkg) =>
			(
				JSON.parse(
					readFileSync(
						join(packageRoot, '../../packages', pkg, 'dist/bundled-packages.json'),
						'utf8',
					),
				) as string[]
			).map((path) => path.split('/node_modules/').at(-1) ?? path),
		);
		const bundled = new Set([...fromComments, ...fromWorkspace]);
		const notices = readFileSync(join(packageRoot, 'THIRD_PARTY_NOTICES.md'), 'utf8');
		for (const name of bundled) expect(notices, name).toContain(`- ${name} `);
		expect(bundled.size).toBeGreaterThanOrEqual(8);
	});
});
