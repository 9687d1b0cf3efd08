/**
 * `@entra-licensing/licensing/pacing`: the write-pacer seam, for benchmarks and experiments (no stability promise
 * beyond the package's minor version). `withPacer(options, () => pacer)` runs `applyBulk`/`runBulk` with another
 * pacer than the built-in signal pacer; a pacer implements {@link WritePacer}. The product has one pacer: `SignalPacer`.
 */
export { withPacer } from './engine/pacing/custom-pacer.js';
export { SignalPacer, type SignalPacerOptions } from './engine/pacing/signal-pacer.js';
export type { WriteAnswerSignal, WriteGrant, WritePacer } from './engine/pacing/write-pacing.js';
export { ThrottleScopes } from './engine/throttle-scopes.js';
