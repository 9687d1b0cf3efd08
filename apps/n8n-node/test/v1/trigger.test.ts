import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { MicrosoftEntraLicensingTrigger } from '../../nodes/MicrosoftEntraLicensingTrigger/MicrosoftEntraLicensingTrigger.node';
import { assignParameters, emulatorCredentials, rl, useTestEmulator } from '../harness/emulator';
import { createContext } from './support/context';

const trigger = new MicrosoftEntraLicensingTrigger();
const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

describe('Microsoft Entra Licensing Trigger', () => {
	it('fires once when a group gets members with license errors, with the decoded errors', async () => {
		const poller = createContext({
			parameters: { event: 'memberErrors', group: rl('E5 Rollout', 'name') },
			credentials: emulatorCredentials(env.emulator),
		});
		expect(await trigger.poll.call(poller.poll)).toBeNull();

		const assign = createContext({
			parameters: assignParameters('group', rl('E5 Rollout', 'name'), 'SPE_E5'),
			credentials: emulatorCredentials(env.emulator),
		});
		await node.execute!.call(assign.execute);
		const wait = createContext({
			parameters: { resource: 'group', operation: 'waitForProcessing', group: rl('E5 Rollout', 'name'), timeoutSeconds: 30, pollSeconds: 0.1 },
			credentials: emulatorCredentials(env.emulator),
		});
		await node.execute!.call(wait.execute);

		const fired = await trigger.poll.call(poller.poll);
		const members = fired?.[0]?.[0]?.json.membersWithErrors as Array<{ errors: Array<{ error: string }> }>;
		expect(members).toHaveLength(4);
		expect(members.every((m) => m.errors[0]?.error === 'CountViolation')).toBe(true);
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});

	it('fires when free seats fall below the threshold', async () => {
		const poller = createContext({
			parameters: { event: 'lowSeats', sku: 'AAD_PREMIUM_P2', threshold: 10 },
			credentials: emulatorCredentials(env.emulator),
		});
		const fired = await trigger.poll.call(poller.poll);
		expect(fired?.[0]?.[0]?.json).toMatchObject({ skuPartNumber: 'AAD_PREMIUM_P2', threshold: 10, available: 5 });
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});

	it('fires when a group’s licenses change, not on the first look', async () => {
		const poller = createContext({
			parameters: { event: 'groupLicensesChanged', group: rl('Contractors', 'name') },
			credentials: emulatorCredentials(env.emulator),
		});
		expect(await trigger.poll.call(poller.poll)).toBeNull();
		expect(await trigger.poll.call(poller.poll)).toBeNull();
		const assign = createContext({
			parameters: assignParameters('group', rl('Contractors', 'name'), 'AAD_PREMIUM'),
			credentials: emulatorCredentials(env.emulator),
		});
		await node.execute!.call(assign.execute);
		const fired = await trigger.poll.call(poller.poll);
		expect(fired?.[0]?.[0]?.json).toMatchObject({
			displayName: 'Contractors',
			licenses: [expect.objectContaining({ skuPartNumber: 'AAD_PREMIUM' })],
		});
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});
});
