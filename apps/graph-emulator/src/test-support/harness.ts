import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator.js';
import type { EmulatorOptions } from '../options.js';

export interface GraphAnswer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected freely
  body: any;
}

export interface Harness {
  readonly emulator: RunningEmulator;
  /** Calls Graph (`path` after the version, e.g. `/groups`) as an app of the seed, with a token from the token endpoint. */
  graph(
    method: string,
    path: string,
    options?: { body?: unknown; app?: string; headers?: Record<string, string>; version?: 'v1.0' | 'beta' },
  ): Promise<GraphAnswer>;
  token(app?: string): Promise<string>;
}

async function answer(response: Response): Promise<GraphAnswer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** A client-credentials token from the emulator's token endpoint over HTTP, as any client would get it. */
export function fetchToken(emulator: RunningEmulator, appName: string): Promise<string> {
  return emulator.getToken(appName);
}

/** One emulator per test file, reset to the seed before each test. */
export function useEmulator(
  options: EmulatorOptions = {},
  resetEachTest = true,
  startTimeoutMs?: number,
): Harness {
  let emulator: RunningEmulator | undefined;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    emulator = await startEmulator({ timeScale: 100, ...options });
  }, startTimeoutMs);
  afterAll(async () => {
    await emulator?.stop();
  });
  if (resetEachTest) {
    beforeEach(() => {
      emulator?.reset();
    });
  }
  const harness: Harness = {
    get emulator() {
      if (!emulator) throw new Error('emulator not started');
      return emulator;
    },
    async token(app = 'licensing-admin') {
      let token = tokens.get(app);
      if (!token) {
        token = await fetchToken(harness.emulator, app);
        tokens.set(app, token);
      }
      return token;
    },
    async graph(method, path, options = {}) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await harness.token(options.app)}`,
        ...options.headers,
      };
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      const response = await fetch(`${harness.emulator.url}/${options.version ?? 'v1.0'}${path}`, {
        method,
        headers,
        body,
      });
      return answer(response);
    },
  };
  return harness;
}

/** Runs `use` against a fresh emulator, with a token of the `licensing-admin` app, then stops the emulator. */
export async function withEmulator<T>(
  options: EmulatorOptions,
  use: (emulator: RunningEmulator, token: string) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator(options);
  try {
    return await use(emulator, await fetchToken(emulator, 'licensing-admin'));
  } finally {
    await emulator.stop();
  }
}

/** Waits (real time) until `check` holds, polling; the emulator's processing delay is time-scaled in tests. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A Graph clock that moves only when a test moves it (`EmulatorOptions.clock`): no verdict depends on machine speed. */
export interface ManualClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}
