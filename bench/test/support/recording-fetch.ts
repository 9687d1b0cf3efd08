import type { FetchLike } from '@entra-licensing/graph-client';

export interface RecordedCall {
  url: string;
  method: string;
  /** The Authorization header sent, if any. */
  authorization: string | null;
}

export interface RecordingFetch {
  fetch: FetchLike;
  calls: RecordedCall[];
  /** Every access token the token endpoint handed out through this fetch. */
  tokens: string[];
}

/**
 * A fetch that records every call and every access token issued through it, and forwards only to the given
 * origins (the emulator on loopback): a call anywhere else is recorded and refused here, so that no campaign ever
 * sends traffic off this machine even if the code under test tried to.
 */
export function recordingFetch(allowedOrigins: readonly string[]): RecordingFetch {
  const calls: RecordedCall[] = [];
  const tokens: string[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    const headers = new Headers(init?.headers);
    calls.push({ url, method: init?.method ?? 'GET', authorization: headers.get('authorization') });
    if (!allowedOrigins.includes(new URL(url).origin)) {
      throw new Error(`recording fetch: refusing to leave the machine (${new URL(url).origin})`);
    }
    const response = await fetch(url, init);
    if (/\/oauth2\/v2\.0\/token$/.test(new URL(url).pathname) && response.ok) {
      const body = (await response.clone().json()) as { access_token?: string };
      if (body.access_token) tokens.push(body.access_token);
    }
    return response;
  };
  return { fetch: fetchImpl, calls, tokens };
}
