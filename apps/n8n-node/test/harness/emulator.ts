/** The Graph emulator for the node's tests, started once per test file, over real HTTP. */

import { afterAll, beforeAll } from 'vitest';

import { type SpawnedEmulator, startTestEmulator } from './emulatorCredentials';

export {
	assignParameters,
	emulatorCredentials,
	GROUP_IDS,
	rl,
	type SpawnedEmulator,
	startTestEmulator,
} from './emulatorCredentials';

/** A fresh emulator for the test file (started before its tests, stopped after): use `env.emulator`. */
export function useTestEmulator(): { readonly emulator: SpawnedEmulator } {
	const env = {} as { emulator: SpawnedEmulator };
	beforeAll(async () => {
		env.emulator = await startTestEmulator();
	});
	afterAll(() => env.emulator?.stop());
	return env;
}
