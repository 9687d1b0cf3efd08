import type { App } from '../model/types.js';

/** A Graph request after transport: from HTTP or from one item of a `$batch`. */
export interface GraphRequest {
  method: string;
  version: 'v1.0' | 'beta';
  /** Decoded path segments after the version, e.g. `['groups', '<id>', 'assignLicense']`. */
  segments: string[];
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  /** The emulator's origin, e.g. `http://127.0.0.1:5000`. */
  baseUrl: string;
  app: App;
}

export function isEventual(request: GraphRequest): boolean {
  return (request.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
}
