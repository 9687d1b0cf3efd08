// Cloud support is off: this node bundles the workspace packages @entra-licensing/licensing and
// @entra-licensing/graph-client, which n8n's cloud rules (no-restricted-imports, no-runtime-dependencies) reject.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default configWithoutCloudSupport;
