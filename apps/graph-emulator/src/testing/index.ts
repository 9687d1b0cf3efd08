/**
 * `@entra-licensing/graph-emulator/testing`: the one test kit for everything that runs against the emulator —
 * start it in-process (`startEmulator`) or as its bin in its own process (`spawnEmulatorCli`), reach one by URL
 * (`connectEmulator`), get tokens for any seed app by secret or certificate, read the request log, reset, settings,
 * and the default tenant's well-known ids.
 */
import { defaultSeed } from '../seed/default-seed.js';

export { type ClientAssertionOptions, signClientAssertion } from '../client/client-assertion.js';
export {
  requestToken,
  requestTokenAnswer,
  type TokenAnswer,
  type TokenApp,
  type TokenOptions,
  TokenRequestError,
  type TokenTarget,
} from '../client/tokens.js';
export { type RunningEmulator, startEmulator } from '../emulator.js';
export type { EmulatorOptions, EmulatorSettings } from '../options.js';
export type { RequestLogEntry } from '../request-log.js';
export { defaultSeed } from '../seed/default-seed.js';
export type { Seed } from '../seed/seed-types.js';
export { type TestCertificate, testCertificate } from '../test-certificate.js';
export {
  connectEmulator,
  type EmulatorClient,
  type EmulatorConfig,
  type EmulatorConfigApp,
  findConfigApp,
} from './emulator-client.js';
export { memberImpactScenario } from './scenarios.js';
export {
  type EmulatorCliOptions,
  emulatorCliPath,
  type SpawnedEmulator,
  spawnEmulatorCli,
} from './spawn-cli.js';

/** Well-known ids of the default tenant (tenant, apps with their secrets, groups, users, SKUs, plans). */
export const seedIds = defaultSeed.ids;
