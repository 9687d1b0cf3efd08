#!/usr/bin/env node
// pnpm generate: regenerates src/generated/ (Kiota output only) from openapi/graph-licensing.yaml
// with the Kiota version pinned in .config/dotnet-tools.json.
import { generatedDir, generateInto, kiotaUnavailableReason, pinnedKiotaVersion } from './kiota.mjs';

const reason = kiotaUnavailableReason();
if (reason) {
  console.error(
    `generate: cannot run Kiota ${pinnedKiotaVersion()}: ${reason}. Install the .NET SDK 8+ and retry.`,
  );
  process.exit(1);
}
generateInto(generatedDir);
console.log(`generate: src/generated regenerated with Kiota ${pinnedKiotaVersion()}`);
