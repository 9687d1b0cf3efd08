// Global setup of the bench's e2e project (see vitest.config.ts): the real n8n installed (with its progress
// output, outside any test or hook timeout) and the node packed once for the run.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';

import { packNode } from '../../../apps/n8n-node/scripts/n8n-harness.mjs';
import { ensureN8n } from '../../../apps/n8n-node/scripts/n8n-install.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    nodeTarball: string;
  }
}

export default async function setup(project: TestProject) {
  await ensureN8n();
  const tarball = packNode();
  project.provide('nodeTarball', tarball);
  return () => rmSync(dirname(tarball), { recursive: true, force: true });
}
