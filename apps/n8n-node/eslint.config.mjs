// Cloud support is off: this node bundles the workspace packages @entra-licensing/licensing and
// @entra-licensing/graph-client, which n8n's cloud rules (no-restricted-imports, no-runtime-dependencies) reject.
// n8n's community-node rules are for the code that ships (nodes/, credentials/, shared/); the tests and the
// scripts (which start n8n and the emulator) are under Biome like every other file of the workspace (the root
// biome.json, with an override in n8n's style: tabs, single quotes, 100 columns as n8n-nodes-starter's Prettier).
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['test/**', 'scripts/**', 'dist/**'] },
	...[configWithoutCloudSupport].flat(),
];
