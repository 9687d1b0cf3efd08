// Injected by esbuild into the bundle (see build.mjs): each export replaces the global of the same name in the
// bundled third-party code (the Kiota runtime and its OpenTelemetry API), so the shipped files use none of the
// globals n8n's community-package scanner forbids. The node's own source uses none of them.
import { sleepWithAbort } from 'n8n-workflow';

/** Timers on n8n's sleepWithAbort: Kiota's retry waits and the bulk path's backoff. */
function startTimer(callback, ms, ...args) {
  const controller = new AbortController();
  sleepWithAbort(Math.max(0, Number(ms) || 0), controller.signal).then(
    () => callback(...args),
    () => undefined,
  );
  return controller;
}

function stopTimer(handle) {
  if (handle && typeof handle.abort === 'function') handle.abort();
}

const quiet = () => undefined;
/** Kiota prints a few warnings to the console; a node must not write there, so they are dropped. */
const silentConsole = { log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet, trace: quiet };

/** Kiota only asks whether it runs in Node.js; OpenTelemetry keeps its registry in a private object. */
const nodeProcess = { env: { NODE_ENV: 'production' }, versions: { node: '20' } };
const privateGlobal = {};

export {
  startTimer as setTimeout,
  stopTimer as clearTimeout,
  silentConsole as console,
  nodeProcess as process,
  privateGlobal as globalThis,
  privateGlobal as global,
};
