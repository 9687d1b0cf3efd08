#!/usr/bin/env node
// After `changeset version` bumps package.json files, copy each bumped version into the source constants that
// carry it at run time (today: graph-client's User-Agent version). A test in each package keeps them equal.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = [{ pkg: 'packages/graph-client/package.json', file: 'packages/graph-client/src/version.ts' }];

for (const { pkg, file } of targets) {
  const { version } = JSON.parse(readFileSync(join(root, pkg), 'utf8'));
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(/PACKAGE_VERSION = '[^']*'/, `PACKAGE_VERSION = '${version}'`);
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`${file}: version ${version}`);
  }
}
