#!/usr/bin/env node
// Builds the n8n package into dist/ in the layout `n8n-node build` produces (dist/nodes/…, dist/credentials/…,
// icons and codex files beside them), but bundled: esbuild inlines @entra-licensing/* and everything they import,
// as CommonJS, so the published package has no runtime dependencies (n8n-workflow is n8n's own, a peer).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
	bundledPackageDirs,
	writeThirdPartyNotices,
} from '../../../scripts/third-party-notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// dist/x/y.js listed in package.json "n8n" -> x/y.ts source
const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((out) => ({
	in: join(root, out.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
	out: out.replace(/^dist\//, '').replace(/\.js$/, ''),
}));

rmSync(dist, { recursive: true, force: true });
const started = Date.now();
const result = await build({
	entryPoints: entries,
	outdir: dist,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: ['n8n-workflow'],
	// The scanner forbids `process` & co. in shipped code; these shims replace the few uses in bundled libraries.
	inject: [join(root, 'scripts', 'scanner-shims.mjs')],
	// …and no file system: graph-client's federated-token sign-in (the only bundled `node:fs/promises` use) is not
	// a path the node takes; it gets a stand-in that says so.
	plugins: [
		{
			name: 'no-file-system',
			setup(b) {
				b.onResolve({ filter: /^(node:)?fs\/promises$/ }, () => ({
					path: join(root, 'scripts', 'no-file-system.mjs'),
				}));
			},
		},
	],
	define: { 'process.env.NODE_ENV': '"production"' },
	legalComments: 'eof',
	sourcemap: false,
	metafile: true,
	logLevel: 'warning',
});

// Icons and codex files, where n8n looks for them (file:../../icons/… from dist/nodes/<Node>/).
cpSync(join(root, 'icons'), join(dist, 'icons'), { recursive: true });
for (const node of pkg.n8n.nodes) {
	const codex = join(root, node.replace(/^dist\//, '').replace(/\.js$/, '.json'));
	const target = join(root, node.replace(/\.js$/, '.json'));
	mkdirSync(dirname(target), { recursive: true });
	cpSync(codex, target);
}
const bytes = Object.entries(result.metafile.outputs).map(
	([file, out]) => `${relative(root, file)} ${Math.round(out.bytes / 1024)} KiB`,
);
console.log(
	`built ${entries.length} entries in ${Date.now() - started} ms:\n  ${bytes.join('\n  ')}`,
);

// THIRD_PARTY_NOTICES.md: every package esbuild actually bundled (from the metafile, and what the workspace packages'
// bundled dist folders list), with its licence text.
const noticed = writeThirdPartyNotices(
	root,
	pkg.name,
	bundledPackageDirs(result.metafile, root),
	'scripts/build.mjs',
);
if (!existsSync(join(root, 'LICENSE')))
	throw new Error('LICENSE is missing: the package must ship its licence');
console.log(`THIRD_PARTY_NOTICES.md: ${noticed} bundled packages`);
