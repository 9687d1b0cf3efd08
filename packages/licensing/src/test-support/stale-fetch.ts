/**
 * A transport that behaves like a lagging read replica: once armed, the next write starts a lag of `lagMs` during
 * which GETs matching `stale` are answered with the last response seen before that write (the previous state).
 */
export function staleFetch(stale: (url: string) => boolean, lagMs: number) {
  const seen = new Map<string, { status: number; headers: [string, string][]; body: string }>();
  const state = { armed: false, staleUntil: 0, staleAnswers: 0 };
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const key = String(url);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method === 'GET' && stale(key) && Date.now() < state.staleUntil) {
      const previous = seen.get(key);
      if (previous) {
        state.staleAnswers += 1;
        return new Response(previous.body, { status: previous.status, headers: previous.headers });
      }
    }
    const response = await fetch(url, init);
    if (method !== 'GET' && !key.includes('/oauth2/') && state.armed) {
      state.armed = false;
      state.staleUntil = Date.now() + lagMs;
    }
    if (method === 'GET' && stale(key) && Date.now() >= state.staleUntil) {
      const body = await response.clone().text();
      seen.set(key, { status: response.status, headers: [...response.headers.entries()], body });
    }
    return response;
  };
  return {
    fetch: fetchImpl,
    state,
    /** The next write starts the lag. */
    arm: () => {
      state.armed = true;
    },
  };
}

/** A transport that drops a property from every JSON answer whose URL matches (Graph leaves properties out at times). */
export function droppingFetch(matches: (url: string) => boolean, property: string) {
  const state = { dropped: 0 };
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const response = await fetch(url, init);
    if (!matches(String(url)) || !response.ok) return response;
    const json = (await response.json()) as { value?: Record<string, unknown>[] };
    for (const item of json.value ?? []) {
      if (property in item) {
        delete item[property];
        state.dropped += 1;
      }
    }
    return new Response(JSON.stringify(json), { status: response.status, headers: response.headers });
  };
  return { fetch: fetchImpl, state };
}
