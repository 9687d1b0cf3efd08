// Global setup of the bench's e2e project (see vitest.config.ts): the n8n node's own e2e setup — the real n8n
// installed (with its progress output, outside any test or hook timeout) and the node packed once for the run,
// provided as inject('nodeTarball').
export { default } from '@entra-licensing/n8n-harness/e2e-global-setup';
