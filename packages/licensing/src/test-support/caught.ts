import { LicensingError } from '../licensing-error.js';

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
