import { LicensingError } from '../core/licensing-error.js';

/** Runs `fn` and returns the LicensingError it throws (fails the test otherwise). */
export function caught(fn: () => unknown): LicensingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LicensingError) return error;
    throw error;
  }
  throw new Error('expected a LicensingError, nothing was thrown');
}

/** Awaits `promise` and returns the LicensingError it rejects with (fails the test otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<LicensingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LicensingError) return error;
    throw error;
  }
  throw new Error('expected a LicensingError, the promise resolved');
}
