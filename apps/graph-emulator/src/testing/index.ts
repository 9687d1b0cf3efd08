/**
 * `@entra-licensing/graph-emulator/testing`: the one test kit for everything that runs against the emulator.
 */
export { type TestCertificate, testCertificate } from '../test-certificate.js';
export { type ClientAssertionOptions, signClientAssertion } from './client-assertion.js';
export {
  requestToken,
  type TokenApp,
  type TokenOptions,
  TokenRequestError,
  type TokenTarget,
} from './tokens.js';
