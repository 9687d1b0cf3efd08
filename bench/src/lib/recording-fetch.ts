/** The fetch signature (the global fetch's, narrowed to a string URL as the clients here call it). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface RecordedCall {
  url: string;
  method: string;
  /** The Authorization header sent, if any. */
  authorization: string | null;
}

export interface EarlyRequest {
  scope: string;
  request: string;
  /** How long after the client had the 429 in hand the request was sent. */
  afterMs: number;
  earlyByMs: number;
}

export interface RecordingFetch {
  fetch: FetchLike;
  calls: RecordedCall[];
  /** Every access token the token endpoint handed out through this fetch. */
  tokens: string[];
  /** 429 answers (top-level or `$batch` items) with a Retry-After that reached the client. */
  throttledAnswers(): number;
  /**
   * Requests the client sent into a throttle scope before the Retry-After it had received for that scope elapsed,
   * on the client's own clock: a 429 counts from the moment its body was in the client's hands, a request from
   * the moment the client called fetch. `toleranceMs` (default 25) covers the order in which the client and this
   * recorder read the same answer on a busy machine; injected Retry-After windows in the campaign are 300 ms.
   */
  earlyRequests(toleranceMs?: number): EarlyRequest[];
}

interface Closure {
  scope: string;
  receivedAt: number;
  until: number;
}

/** Write scopes are only entered by writes; the resource-unit scope (`…/ReadWrite/…`) by every request. */
function enters(scope: string, hasWrite: boolean): boolean {
  return hasWrite || !/\/Write\//.test(scope);
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key ? headers![key] : undefined;
}

function describeRequest(url: string, init: RequestInit | undefined): { hasWrite: boolean; request: string } {
  const method = init?.method ?? 'GET';
  const raw = init?.body;
  const text =
    typeof raw === 'string'
      ? raw
      : raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)
        ? new TextDecoder().decode(raw)
        : undefined;
  if (url.endsWith('/$batch') && text !== undefined) {
    const items = (JSON.parse(text) as { requests?: { method: string }[] }).requests ?? [];
    const hasWrite = items.some((i) => i.method !== 'GET');
    return { hasWrite, request: `$batch of ${items.length} (${hasWrite ? 'with writes' : 'reads'})` };
  }
  return { hasWrite: method !== 'GET', request: `${method} ${new URL(url).pathname}` };
}

/**
 * A fetch that records every call and every access token issued through it, watches the 429s the client gets and
 * the requests it sends next, and forwards only to the given origins (loopback): a call anywhere else is recorded
 * and refused here, so that no campaign ever sends traffic off this machine even if the code under test tried to.
 */
export function recordingFetch(
  allowedOrigins: readonly string[],
  forward: FetchLike = (url, init) => fetch(url, init),
): RecordingFetch {
  const calls: RecordedCall[] = [];
  const tokens: string[] = [];
  const closures: Closure[] = [];
  const sends: { at: number; hasWrite: boolean; request: string }[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    const headers = new Headers(init?.headers);
    calls.push({ url, method: init?.method ?? 'GET', authorization: headers.get('authorization') });
    if (!allowedOrigins.includes(new URL(url).origin)) {
      throw new Error(`recording fetch: refusing to leave the machine (${new URL(url).origin})`);
    }
    const isToken = /\/oauth2\/v2\.0\/token$/.test(new URL(url).pathname);
    if (!isToken) sends.push({ at: performance.now(), ...describeRequest(url, init) });
    const response = await forward(url, init);
    if (isToken && response.ok) {
      const body = (await response.clone().json()) as { access_token?: string };
      if (body.access_token) tokens.push(body.access_token);
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after'));
      const scope = response.headers.get('x-ms-throttle-scope') ?? '*';
      const at = performance.now();
      if (Number.isFinite(retryAfter))
        closures.push({ scope, receivedAt: at, until: at + retryAfter * 1000 });
    } else if (url.endsWith('/$batch') && response.ok) {
      void response
        .clone()
        .json()
        .then(
          (json: unknown) => {
            const at = performance.now();
            const body = json as { responses?: { status: number; headers?: Record<string, string> }[] };
            for (const item of body.responses ?? []) {
              if (item.status !== 429) continue;
              const retryAfter = Number(header(item.headers, 'retry-after'));
              const scope = header(item.headers, 'x-ms-throttle-scope') ?? '*';
              if (Number.isFinite(retryAfter))
                closures.push({ scope, receivedAt: at, until: at + retryAfter * 1000 });
            }
          },
          () => undefined,
        );
    }
    return response;
  };
  return {
    fetch: fetchImpl,
    calls,
    tokens,
    throttledAnswers: () => closures.length,
    earlyRequests: (toleranceMs = 25) => {
      const early: EarlyRequest[] = [];
      for (const s of sends) {
        const hit = closures.find(
          (c) =>
            s.at > c.receivedAt + toleranceMs &&
            s.at < c.until - toleranceMs &&
            (c.scope === '*' || enters(c.scope, s.hasWrite)),
        );
        if (hit) {
          early.push({
            scope: hit.scope,
            request: s.request,
            afterMs: s.at - hit.receivedAt,
            earlyByMs: hit.until - s.at,
          });
        }
      }
      return early;
    },
  };
}
