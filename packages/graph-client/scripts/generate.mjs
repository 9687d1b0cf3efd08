#!/usr/bin/env node
// pnpm generate: regenerates src/generated/ (Kiota output only) from openapi/graph-licensing.yaml
// with the Kiota version pinned in .config/dotnet-tools.json, and records the description's SHA-256 in
// src/generated.openapi.sha256 (what generate:check compares where .NET is missing).
import { generatedDir, generateInto, kiotaUnavailableReason, pinnedKiotaVersion } from './kiota.mjs';
import { recordDigest } from './openapi-digest.mjs';

const reason = kiotaUnavailableReason();
if (reason) {
  console.error(
    `generate: cannot run Kiota ${pinnedKiotaVersion()}: ${reason}. Install the .NET SDK 8+ and retry.`,
  );
  process.exit(1);
}
generateInto(generatedDir);
recordDigest();
console.log(
  `generate: src/generated regenerated with Kiota ${pinnedKiotaVersion()}; src/generated.openapi.sha256 updated`,
);
