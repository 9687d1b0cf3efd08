// Shared by generate.mjs and generate-check.mjs: where things are and how Kiota 1.38.0 is invoked.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageDir, '../..');
export const descriptionPath = resolve(repoRoot, 'openapi/graph-licensing.yaml');
export const generatedDir = resolve(packageDir, 'src/generated');
export const toolManifestPath = resolve(repoRoot, '.config/dotnet-tools.json');

export function pinnedKiotaVersion() {
  const manifest = JSON.parse(readFileSync(toolManifestPath, 'utf8'));
  return manifest.tools['microsoft.openapi.kiota'].version;
}

/** Runs a command from the repository root; returns { ok, output }. */
function run(command, args, cwd = repoRoot) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    // Kiota's update check and search need GitHub; offline mode skips them.
    env: {
      ...process.env,
      KIOTA_OFFLINE_ENABLED: 'true',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
    },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  return { ok: !result.error && result.status === 0, output, missing: result.error?.code === 'ENOENT' };
}

/** Why Kiota cannot run here, or undefined when `dotnet kiota` is ready. */
export function kiotaUnavailableReason() {
  const dotnet = run('dotnet', ['--version']);
  if (dotnet.missing) return 'the .NET SDK (`dotnet`) is not on PATH';
  if (!dotnet.ok) return `\`dotnet --version\` failed: ${dotnet.output.trim().split('\n')[0]}`;
  const restore = run('dotnet', ['tool', 'restore']);
  if (!restore.ok)
    return `\`dotnet tool restore\` could not install Kiota ${pinnedKiotaVersion()}: ${restore.output.trim().split('\n').at(-1)}`;
  return undefined;
}

/**
 * Generates the TypeScript client into `outputDir` with the one pinned command line. Kiota's warning
 * log (`.kiota.log`, written only when it has something to say) is printed and removed, so that the
 * folder holds generated code and kiota-lock.json only.
 */
export function generateInto(outputDir) {
  const args = [
    'kiota',
    'generate',
    '-l',
    'typescript',
    '-d',
    relative(packageDir, descriptionPath),
    '-c',
    'GraphLicensingClient',
    '-n',
    'GraphLicensing',
    '-o',
    relative(packageDir, outputDir),
    '--clean-output',
    '--exclude-backward-compatible',
  ];
  const result = run('dotnet', args, packageDir);
  if (!result.ok || !/Generation completed successfully/.test(result.output)) {
    throw new Error(`dotnet ${args.join(' ')} failed:\n${result.output}`);
  }
  const log = join(outputDir, '.kiota.log');
  if (existsSync(log)) {
    console.warn(`Kiota warnings:\n${readFileSync(log, 'utf8').trim()}`);
    rmSync(log);
  }
}
