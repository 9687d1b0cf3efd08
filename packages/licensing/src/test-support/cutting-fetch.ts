/**
 * A transport that really sends the request to the emulator, reads the answer, and then throws a connection reset
 * instead of returning it: the write is applied, the client never learns. For the first `times` matching requests.
 */
export function cuttingFetch(matches: (url: string, body: string) => boolean, times: number) {
  const state = { cut: 0 };
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const response = await fetch(url, init);
    const body =
      init?.body instanceof ArrayBuffer ? new TextDecoder().decode(init.body) : String(init?.body ?? '');
    if (state.cut < times && matches(String(url), body)) {
      state.cut += 1;
      await response.arrayBuffer();
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    return response;
  };
  return { fetch: fetchImpl, state };
}
