// The vitest global setup of every e2e project that runs the packed node (the n8n node's and the bench's):
// makes sure the real n8n is installed — turbo's `n8n:install` task has normally done it already; run by hand,
// the install happens here, with its progress output and outside any test or hook timeout — then builds and
// packs the node once for the whole run and provides the tarball as inject('nodeTarball'): the packed-package
// checks and the real-n8n suites use the same tarball (so they never rebuild dist/ under each other's feet).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
// The augmentation below needs vitest's own module in the program (a type-only import: nothing loads at run time).
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

import { packNode } from './n8n-harness.mjs';
import { ensureN8n } from './n8n-install.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    nodeTarball: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  await ensureN8n();
  const tarball = packNode();
  project.provide('nodeTarball', tarball);
  return () => rmSync(dirname(tarball), { recursive: true, force: true });
}
