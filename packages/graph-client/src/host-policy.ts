import { GRAPH_CLOUDS } from './clouds.js';
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

/** The hosts of Microsoft's national clouds that may receive a token request or a bearer token. */
const MICROSOFT_HOSTS: ReadonlySet<string> = new Set([
  ...Object.values(GRAPH_CLOUDS).flatMap((c) => [new URL(c.graph).hostname, new URL(c.login).hostname]),
  // older names of the same authorities
  'login.chinacloudapi.cn',
  'login.windows.net',
]);

/**
 * Why an origin is not one a front-end should send credentials to on its own, or undefined when it is: a national
 * cloud's own Graph or login host over https on the default port, or a loopback host (the emulator, a local proxy).
 * The library itself accepts any https origin in `baseUrl` / `loginBaseUrl` (a caller may point it at its own proxy
 * on purpose); front-ends that take an origin from flags or environment variables (the CLI) call this first and
 * refuse, before sign-in, an origin that nobody named explicitly.
 */
export function untrustedOriginReason(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'it is not an absolute URL';
  }
  if (isLoopbackHost(url.hostname)) return undefined;
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' && url.port === '' && MICROSOFT_HOSTS.has(host)) return undefined;
  if (MICROSOFT_HOSTS.has(host)) return `${host} is a Microsoft host, but not over https on port 443`;
  return `${host} is neither a Microsoft national cloud's Graph or login host nor this machine (loopback), so it would receive the app's credentials or tokens`;
}
