/** The emulator's credentials and parameter builders for the node's tests (no test runner needed). */

import { type SpawnedEmulator, startEmulator } from '@entra-licensing/n8n-harness';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export type { SpawnedEmulator };

export async function startTestEmulator(
	options: Parameters<typeof startEmulator>[0] = {},
): Promise<SpawnedEmulator> {
	return await startEmulator({ timeScale: 50, ...options });
}

/** Credential data pointing at the emulator (cloud Custom, loopback http). */
export function emulatorCredentials(
	emulator: SpawnedEmulator,
	app = 'licensing-admin',
): ICredentialDataDecryptedObject {
	const entry = emulator.config.apps.find((a) => a.name === app);
	if (!entry) throw new Error(`no emulator app ${app}`);
	return {
		cloud: 'custom',
		graphBaseUrl: emulator.url,
		loginBaseUrl: emulator.config.loginBaseUrl,
		tenant: emulator.config.tenantDomain,
		clientId: entry.clientId,
		clientSecret: entry.clientSecret,
	};
}

export const GROUP_IDS = {
	licensingPilot: '1132b215-826f-42a9-8cfe-1643d19d17fd',
};

export function rl(value: string, mode = 'id') {
	return { __rl: true, mode, value };
}

/** Parameters of "Assign License" for a group or user (by resource locator) and SKUs without disabled plans. */
export function assignParameters(
	kind: 'group' | 'user',
	target: ReturnType<typeof rl>,
	...skus: string[]
) {
	return {
		resource: kind,
		operation: 'assignLicense',
		[kind]: target,
		licenses: { license: skus.map((sku) => ({ sku, disabledPlans: [] })) },
	};
}
