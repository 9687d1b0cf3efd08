/**
 * The Graph client and licensing service of a node run, for both nodes (the action node and the trigger). The
 * transport itself (n8n-backed fetch, credential types) lives in the action node's `v1/transport/`.
 */
export { CREDENTIAL_TYPE, DELEGATED_CREDENTIAL_TYPE, type GraphCallContext, type Licensing, licensingFor } from '../v1/transport';
