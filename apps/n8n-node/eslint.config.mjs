// Cloud support is off: this node bundles the workspace packages @entra-licensing/licensing and
// @entra-licensing/graph-client, which n8n's cloud rules (no-restricted-imports, no-runtime-dependencies) reject.
// The rules are for the code that ships: the tests (which start n8n and the emulator) are not linted by them.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [{ ignores: ['test/**', 'scripts/**', 'dist/**'] }, ...[configWithoutCloudSupport].flat()];
