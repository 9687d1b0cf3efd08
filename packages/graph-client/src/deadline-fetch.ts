import { GraphError } from './errors.js';
import type { FetchLike } from './fetch.js';

/** Default deadline of one request (connect, first byte and the whole body), in ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A fetch whose every request has a deadline covering the connection, the first byte and the whole body: the body
 * is read before the response is handed on, so nothing after this can wait on a silent server. A caller's own
 * abort signal still works. On expiry: a GraphError (`kind: 'network'`, code `Timeout`) naming the host and the time
 * waited.
 */
export function withDeadline(fetchImpl: FetchLike, timeoutMs: number): FetchLike {
  return async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const outer = init.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    // a transport that ignores the signal (an adapter over another HTTP stack) is still not waited for
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    aborted.catch(() => {});
    try {
      const response = await Promise.race([fetchImpl(url, { ...init, signal: controller.signal }), aborted]);
      const body = await Promise.race([response.arrayBuffer(), aborted]);
      const status = response.status;
      // 101, 204, 205 and 304 cannot carry a body in a Response
      const bodyless = status === 101 || status === 204 || status === 205 || status === 304;
      return new Response(bodyless ? null : body, {
        status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (controller.signal.aborted && !outer?.aborted) {
        let host = url;
        try {
          host = new URL(url).host;
        } catch {
          // keep the text
        }
        throw new GraphError({
          kind: 'network',
          code: 'Timeout',
          message: `No complete answer from ${host} within ${seconds(timeoutMs)} (the request deadline); the request was abandoned.`,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };
}
