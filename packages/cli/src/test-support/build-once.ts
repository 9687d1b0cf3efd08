import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * vitest globalSetup: the tests run the built bin as a user does, so build it when `dist` is missing or older than
 * the sources. Under turbo the package's own build runs first (see turbo.json), so nothing is rebuilt while it runs.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let built = 0;
  try {
    built = statSync(path.join(root, 'dist/main.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newestSource(path.join(root, 'src'))) return;
  const tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
