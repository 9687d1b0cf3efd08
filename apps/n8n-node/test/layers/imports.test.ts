/**
 * The node's arrows point down: `v1/` may import `shared/`, never the reverse, and the trigger (which has no
 * versions) uses only `shared/`. Read with TypeScript's own import scanner, file by file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');
const actionNode = join(root, 'nodes', 'MicrosoftEntraLicensing');

function sourcesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.ts'))
		.map((file) => join(dir, file));
}

/** The files of this package a source file imports (relative imports, resolved; packages left out). */
function localImports(file: string): string[] {
	const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
	return importedFiles
		.map((f) => f.fileName)
		.filter((name) => name.startsWith('.'))
		.map((name) => relative(root, resolve(dirname(file), name)));
}

function importsInto(files: string[], forbidden: string): string[] {
	const prefix = relative(root, forbidden);
	return files.flatMap((file) =>
		localImports(file)
			.filter((target) => target === prefix || target.startsWith(`${prefix}/`))
			.map((target) => `${relative(root, file)} → ${target}`),
	);
}

describe('import layers of the node', () => {
	it('shared/ imports nothing from v1/', () => {
		const shared = sourcesUnder(join(actionNode, 'shared'));
		expect(shared.length).toBeGreaterThan(5);
		expect(importsInto(shared, join(actionNode, 'v1'))).toEqual([]);
	});

	it('the trigger imports nothing from the action node’s v1/', () => {
		const trigger = sourcesUnder(join(root, 'nodes', 'MicrosoftEntraLicensingTrigger'));
		expect(importsInto(trigger, join(actionNode, 'v1'))).toEqual([]);
	});

	it('the credentials import no node', () => {
		expect(importsInto(sourcesUnder(join(root, 'credentials')), join(root, 'nodes'))).toEqual([]);
	});

	it('the check can fail: v1/ does import shared/', () => {
		expect(
			importsInto(sourcesUnder(join(actionNode, 'v1')), join(actionNode, 'shared')).length,
		).toBeGreaterThan(0);
	});
});
