export { type RunningEmulator, startEmulator } from './emulator.js';
export type { FaultKind, FaultRule, FaultSpec, FaultTarget } from './faults/fault-spec.js';
export { parseFaultSpec } from './faults/fault-spec.js';
export type { Directory, ProcessingState } from './model/directory.js';
export type {
  AssignedLicense,
  Group,
  LicenseAssignmentState,
  LicenseError,
  LicenseState,
  ServicePlan,
  SignInActivity,
  Sku,
  Subscription,
  SubscriptionStatus,
  User,
  UserType,
} from './model/types.js';
export type { EmulatorOptions, EmulatorSettings } from './options.js';
export type { RequestLogEntry } from './request-log.js';
export { defaultSeed } from './seed/default-seed.js';
export { resolveSeed, SeedError } from './seed/load-seed.js';
export type * from './seed/seed-types.js';
export { parseThrottleSpec, type ThrottleLimits } from './throttling/throttle-profile.js';
