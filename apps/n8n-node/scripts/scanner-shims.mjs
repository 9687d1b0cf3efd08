// Injected by esbuild into the bundle (see build.mjs): each export replaces the global of the same name in the
// bundled third-party code (the Kiota runtime and its OpenTelemetry API), so the shipped files use none of the
// globals n8n's community-package scanner forbids. The node's own source uses none of them.
import { sleep } from 'n8n-workflow';

/** @typedef {{ cancelled: boolean }} TimerHandle */

/**
 * Timers on n8n's own `sleep` (n8n-workflow has no abortable sleep in the versions we support): Kiota's retry
 * waits and the bulk path's backoff. A cleared timer's callback is simply not called when the sleep ends.
 * @param {(...args: unknown[]) => void} callback
 * @param {number | undefined} ms
 * @param {...unknown} args
 * @returns {TimerHandle}
 */
function startTimer(callback, ms, ...args) {
	const handle = { cancelled: false };
	sleep(Math.max(0, Number(ms) || 0)).then(
		() => {
			if (!handle.cancelled) callback(...args);
		},
		() => undefined,
	);
	return handle;
}

/** @param {TimerHandle | undefined} handle */
function stopTimer(handle) {
	if (handle && typeof handle === 'object') handle.cancelled = true;
}

const quiet = () => undefined;
/** Kiota prints a few warnings to the console; a node must not write there, so they are dropped. */
const silentConsole = {
	log: quiet,
	info: quiet,
	warn: quiet,
	error: quiet,
	debug: quiet,
	trace: quiet,
};

/** Kiota only asks whether it runs in Node.js; OpenTelemetry keeps its registry in a private object. */
const nodeProcess = { env: { NODE_ENV: 'production' }, versions: { node: '20' } };
const privateGlobal = {};

export {
	nodeProcess as process,
	privateGlobal as globalThis,
	privateGlobal as global,
	silentConsole as console,
	startTimer as setTimeout,
	stopTimer as clearTimeout,
};
