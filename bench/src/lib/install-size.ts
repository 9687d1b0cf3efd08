import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface InstallSize {
  bytes: number;
  files: number;
  /** Every package of the production closure, `name@version`. */
  packages: string[];
}

interface Manifest {
  name: string;
  version: string;
  files?: string[];
  dependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Finds `name` the way Node does: in `node_modules` of `fromDir` and of each parent. */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function sizeOf(
  target: string,
  skip: (p: string) => boolean,
): Promise<{ bytes: number; files: number }> {
  const info = await stat(target);
  if (info.isFile()) return { bytes: info.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (skip(full)) continue;
    if (entry.isDirectory()) {
      const sub = await sizeOf(full, skip);
      bytes += sub.bytes;
      files += sub.files;
    } else if (entry.isFile()) {
      bytes += statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

/** A workspace package is counted as it would be published: `package.json` plus its `files`. */
async function publishedSize(dir: string, manifest: Manifest): Promise<{ bytes: number; files: number }> {
  const parts = ['package.json', ...(manifest.files ?? [])];
  let bytes = 0;
  let files = 0;
  for (const part of parts) {
    const full = path.join(dir, part);
    if (!existsSync(full)) continue;
    const s = await sizeOf(full, (p) => p.endsWith('.tsbuildinfo'));
    bytes += s.bytes;
    files += s.files;
  }
  return { bytes, files };
}

/**
 * Size on disk of packages and their production dependency closure (`dependencies`, resolved from where each
 * package is installed). Registry packages count whole; workspace
 * packages count as published.
 */
export async function installSize(rootNames: readonly string[], fromDir: string): Promise<InstallSize> {
  const seen = new Map<string, string>();
  const queue = rootNames.map((name) => ({ name, from: fromDir }));
  let bytes = 0;
  let files = 0;
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const dir = findPackageDir(name, from);
    if (!dir) throw new Error(`install size: cannot find ${name} from ${from}`);
    if (seen.has(dir)) continue;
    const manifest = readManifest(dir);
    seen.set(dir, `${manifest.name}@${manifest.version}`);
    const inWorkspace = !dir.split(path.sep).includes('node_modules');
    const s = inWorkspace
      ? await publishedSize(dir, manifest)
      : await sizeOf(dir, (p) => path.basename(p) === 'node_modules');
    bytes += s.bytes;
    files += s.files;
    // Peer dependencies are left out: the host provides them (n8n provides n8n-workflow to community nodes).
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir });
  }
  return { bytes, files, packages: [...seen.values()].sort() };
}
