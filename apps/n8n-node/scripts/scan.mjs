#!/usr/bin/env node
// Runs n8n's community-package scanner (`analyzePackage()` of @n8n/scan-community-package) offline, on both legs
// n8n scans: the packed package (`npm pack`, unpacked, `**/*.js` + package.json) and the source files
// (`package.json` and `{nodes,credentials}/**/*.{js,ts,json}`).
//
//   node scripts/scan.mjs [--json] [--tarball=<file.tgz>]   (build first: node scripts/build.mjs)
//
// The scanner pins TypeScript 7 (native preview, no JS API) while its @typescript-eslint parser needs the JS API;
// this script points the parser at the workspace's TypeScript 5.9 so the scan runs at all.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const typescript = require.resolve('typescript');
/** Node's internal resolver, the one hook that redirects a bare `typescript` import of another package. */
const internals =
	/** @type {{ _resolveFilename: (request: string, ...rest: unknown[]) => string }} */ (
		/** @type {unknown} */ (Module)
	);
const resolve = internals._resolveFilename;
internals._resolveFilename = function (
	/** @type {string} */ request,
	/** @type {unknown[]} */ ...rest
) {
	return request === 'typescript' ? typescript : resolve.call(this, request, ...rest);
};

/** @param {string | undefined} packed a packed tarball, else the package is packed here */
export async function scanPackedPackage(packed) {
	const work = mkdtempSync(join(tmpdir(), 'entra-scan-'));
	try {
		let tarball = packed;
		if (!tarball) {
			execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
				cwd: root,
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
			if (!name) throw new Error(`npm pack wrote no .tgz into ${work}`);
			tarball = join(work, name);
		}
		execFileSync('tar', ['xzf', tarball], { cwd: work });
		const packageDir = join(work, 'package');
		const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
		const { analyzePackage } = await import(scannerPath);
		const result = await analyzePackage(packageDir, ['**/*.js', 'package.json']);
		// The other leg of n8n's scan: the source checkout (TypeScript sources and package.json).
		const { SOURCE_FILE_PATTERNS } = await import(scannerPath);
		const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
		const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
		const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
		return {
			passed: result.passed && source.passed,
			message: result.message ?? source.message ?? null,
			details: [result.details, source.details].filter(Boolean).join('\n') || null,
			manifest,
			files,
		};
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const tarballArg = process.argv.find((a) => a.startsWith('--tarball='));
	const result = await scanPackedPackage(tarballArg?.slice('--tarball='.length));
	if (process.argv.includes('--json')) {
		process.stdout.write(`${JSON.stringify(result)}\n`);
	} else {
		console.log(result.passed ? 'scanner: passed' : `scanner: FAILED (${result.message})`);
		if (result.details) console.log(result.details);
	}
	process.exitCode = result.passed ? 0 : 1;
}
