// Global setup of the e2e project (see vitest.config.mts): n8n installed if needed, the node packed once.
export { default } from '@entra-licensing/n8n-harness/e2e-global-setup';
