// Builds and packs the node once for the whole run: the scanner test and the real-n8n suite use the same tarball
// (so they never rebuild dist/ under each other's feet).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';

import { packNode } from '../scripts/n8n-harness.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		nodeTarball: string;
	}
}

export default function setup(project: TestProject) {
	const tarball = packNode();
	project.provide('nodeTarball', tarball);
	return () => rmSync(dirname(tarball), { recursive: true, force: true });
}
