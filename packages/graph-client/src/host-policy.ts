import { GraphError, invalidOption } from './errors.js';

/** True for localhost, 127.0.0.0/8 and ::1 (the only hosts that may be reached over plain http). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Validates an origin given as an option (`baseUrl`, `loginBaseUrl`): an absolute http(s) URL with no
 * path, query, fragment or credentials; https unless the host is loopback. Returns the normalized origin.
 */
export function parseOriginOption(option: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOption(
      `Option ${option} must be an absolute URL such as https://graph.microsoft.com, got "${value}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidOption(`Option ${option} must use https, got "${value}"`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalidOption(
      `Option ${option} uses plain http for a host that is not loopback ("${value}"): tokens are only sent over https, or over http to localhost, 127.0.0.0/8 or ::1`,
    );
  }
  if (url.username || url.password) throw invalidOption(`Option ${option} must not contain credentials`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalidOption(
      `Option ${option} must be an origin (scheme, host and port) without path, query or fragment, got "${value}"; the API version is set by apiVersion`,
    );
  }
  return url.origin;
}

/** Throws unless `url` is on the configured Graph origin (same scheme, host and port). */
export function assertGraphOrigin(url: string, allowedOrigin: string): void {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new GraphError({
      kind: 'refused',
      code: 'HostNotAllowed',
      message: 'Refusing a request to an invalid URL',
    });
  }
  if (origin !== allowedOrigin) {
    throw new GraphError({
      kind: 'refused',
      code: 'HostNotAllowed',
      message: `Refusing to send a Graph request (and its access token) to ${origin}: only ${allowedOrigin} is configured (options cloud/baseUrl)`,
    });
  }
}
