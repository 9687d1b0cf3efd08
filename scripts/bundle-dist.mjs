#!/usr/bin/env node
// Ships a package's dist as bundled ESM: after `tsc` wrote dist/ (its .d.ts files are kept as they are), each entry
// of package.json "exports" is bundled with esbuild — the package's own modules and its third-party runtime
// dependencies in one file per entry (code shared by several entries in one chunk), whitespace and syntax minified,
// names kept (stack traces stay readable) — and the unbundled .js files and their maps are removed. Other workspace packages stay
// imports (each is bundled on its own, so a class such as GraphError exists once).
//
// Why: loading a few files instead of hundreds of small modules, and no unused code of the Kiota runtime, makes
// `import` + creating a client 10× lighter than @microsoft/msgraph-sdk (bench/README.md, cold start).
//
//   node ../../scripts/bundle-dist.mjs   (from a package folder, after tsc; its "build" script runs it)
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { bundledPackageDirs, writeBundledListing, writeThirdPartyNotices } from './third-party-notices.mjs';

const dir = process.cwd();
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const entries = Object.values(manifest.exports ?? {})
  .map((target) => (typeof target === 'object' ? target.import : undefined))
  .filter((file) => typeof file === 'string' && file.startsWith('./dist/') && file.endsWith('.js'));
if (entries.length === 0) throw new Error(`${manifest.name}: no "exports" entry in dist/ to bundle`);

const out = join(dir, 'dist-bundle');
rmSync(out, { recursive: true, force: true });
const result = await build({
  absWorkingDir: dir,
  entryPoints: Object.fromEntries(entries.map((file) => [file.slice('./dist/'.length, -'.js'.length), file])),
  outdir: out,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  // No source maps: the published package holds no sources for them to point at (tsc's maps did not either), and
  // the kept names give readable stack traces.
  sourcemap: false,
  // the other workspace packages (published on their own), and any peer
  external: ['@entra-licensing/*', ...Object.keys(manifest.peerDependencies ?? {})],
  logLevel: 'warning',
  metafile: true,
});

// dist/: the declarations stay, the unbundled JavaScript goes, the bundles come in.
function* files(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}
for (const file of files(join(dir, 'dist'))) if (/\.js(\.map)?$/.test(file)) rmSync(file);
for (const file of files(out)) {
  const target = join(dir, 'dist', relative(out, file));
  rmSync(target, { force: true });
  statSync(file);
  await import('node:fs').then(({ mkdirSync, renameSync }) => {
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(file, target);
  });
}
rmSync(out, { recursive: true, force: true });
const thirdParty = bundledPackageDirs(result.metafile, dir);
writeBundledListing(join(dir, 'dist'), thirdParty);
if (thirdParty.length > 0) writeThirdPartyNotices(dir, manifest.name, thirdParty, 'scripts/bundle-dist.mjs');
else rmSync(join(dir, 'THIRD_PARTY_NOTICES.md'), { force: true });
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
process.stderr.write(
  `${manifest.name}: dist bundled (${entries.length} entries, ${(bytes / 1024).toFixed(0)} KiB)\n`,
);
