// The SHA-256 of openapi/graph-licensing.yaml that src/generated/ was generated from, kept beside it in
// src/generated.openapi.sha256 (sha256sum's format, path from the repository root, so
// `sha256sum -c packages/graph-client/src/generated.openapi.sha256` checks it from there too).
// `pnpm generate` writes it; `pnpm generate:check` compares it where .NET (and so Kiota) is missing. A plain
// digest of the file's bytes: any edit of the description, whatever its keywords, shows.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { descriptionPath, packageDir, repoRoot } from './kiota.mjs';

export const digestPath = resolve(packageDir, 'src/generated.openapi.sha256');

/** Hex SHA-256 of a file's bytes. */
export function sha256OfFile(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Records the digest of the description src/generated/ has just been generated from. */
export function recordDigest(description = descriptionPath) {
  writeFileSync(digestPath, `${sha256OfFile(description)}  ${relative(repoRoot, description)}\n`);
}

/** The recorded digest, or throws naming the sidecar file when it is missing or malformed. */
export function recordedDigest() {
  const where = relative(repoRoot, digestPath);
  if (!existsSync(digestPath)) throw new Error(`${where} is missing: run \`pnpm generate\``);
  const match = /^([0-9a-f]{64}) {2}(\S+)\n?$/.exec(readFileSync(digestPath, 'utf8'));
  if (!match) throw new Error(`${where} is not "<sha256 hex>  <path>": run \`pnpm generate\``);
  return { digest: match[1], path: match[2] };
}
