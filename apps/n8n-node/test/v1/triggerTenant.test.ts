/**
 * The trigger's tenant-wide events against the emulator: any group whose members newly have license errors (one
 * event per group, with the decoded errors), and any SKU whose free seats newly fall below the threshold.
 */
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { MicrosoftEntraLicensingTrigger } from '../../nodes/MicrosoftEntraLicensingTrigger/MicrosoftEntraLicensingTrigger.node';
import { assignParameters, emulatorCredentials, rl, useTestEmulator } from '../harness/emulator';
import { createContext } from './support/context';

const trigger = new MicrosoftEntraLicensingTrigger();
const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

async function licenseAndWait(group: string, sku: string): Promise<void> {
	const credentials = emulatorCredentials(env.emulator);
	await node.execute!.call(
		createContext({ parameters: assignParameters('group', rl(group, 'name'), sku), credentials })
			.execute,
	);
	await node.execute!.call(
		createContext({
			parameters: {
				resource: 'group',
				operation: 'waitForProcessing',
				group: rl(group, 'name'),
				timeoutSeconds: 60,
				pollSeconds: 0.1,
			},
			credentials,
		}).execute,
	);
}

async function freeSeats(): Promise<
	Array<{ skuPartNumber: string; free: number; appliesTo: string }>
> {
	const page = (await env.emulator.readGraph('/subscribedSkus')) as {
		value: Array<{
			skuPartNumber: string;
			appliesTo: string;
			consumedUnits: number;
			prepaidUnits: { enabled: number };
		}>;
	};
	return page.value.map((s) => ({
		skuPartNumber: s.skuPartNumber,
		free: s.prepaidUnits.enabled - s.consumedUnits,
		appliesTo: s.appliesTo,
	}));
}

function jsonOf(result: Awaited<ReturnType<typeof trigger.poll>>): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

describe('Trigger: any group has members with license errors', () => {
	it('fires once per group that newly has members in error, with the decoded errors', async () => {
		const poller = createContext({
			parameters: { event: 'anyGroupMemberErrors' },
			credentials: emulatorCredentials(env.emulator),
		});
		const before = jsonOf(await trigger.poll.call(poller.poll)).map((g) => g.displayName);
		expect(before).not.toContain('E5 Rollout');
		expect(await trigger.poll.call(poller.poll)).toBeNull();

		await licenseAndWait('E5 Rollout', 'SPE_E5');
		const fired = jsonOf(await trigger.poll.call(poller.poll));
		expect(fired.map((g) => g.displayName)).toEqual(['E5 Rollout']);
		const members = fired[0]!.membersWithErrors as Array<{ errors: Array<{ error: string }> }>;
		expect(fired[0]!.membersWithErrorsCount).toBe(members.length);
		expect(members).toHaveLength(4);
		expect(members.every((m) => m.errors[0]?.error === 'CountViolation')).toBe(true);
		// Still in error: no new event.
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});
});

describe('Trigger: any SKU below the free seats threshold', () => {
	it('fires once per product that newly falls below the threshold, leaving tenant-wide products out', async () => {
		const threshold = 12;
		const poller = createContext({
			parameters: { event: 'anySkuLowSeats', threshold },
			credentials: emulatorCredentials(env.emulator),
		});
		const expected = (await freeSeats())
			.filter((s) => s.appliesTo !== 'Company' && s.free < threshold)
			.map((s) => s.skuPartNumber)
			.sort();
		expect(expected.length).toBeGreaterThan(0);
		expect(expected).not.toContain('EXCHANGESTANDARD');
		const first = jsonOf(await trigger.poll.call(poller.poll));
		expect(first.map((s) => s.skuPartNumber).sort()).toEqual(expected);
		expect(
			first.every(
				(s) =>
					s.threshold === threshold &&
					typeof s.available === 'number' &&
					(s.available as number) < threshold,
			),
		).toBe(true);
		expect(await trigger.poll.call(poller.poll)).toBeNull();

		// Exchange Online (Plan 1) has 15 of 20 free: licensing a group of 14 takes it below 12.
		await licenseAndWait('E5 Rollout', 'EXCHANGESTANDARD');
		const after = (await freeSeats()).find((s) => s.skuPartNumber === 'EXCHANGESTANDARD')!;
		expect(after.free).toBeLessThan(threshold);
		const fired = jsonOf(await trigger.poll.call(poller.poll));
		expect(fired.map((s) => s.skuPartNumber)).toEqual(['EXCHANGESTANDARD']);
		expect(fired[0]!.available).toBe(after.free);
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});
});

describe('Trigger: words in the editor', () => {
	it('says what the event is on the canvas and what the group is for', () => {
		const { subtitle, properties } = trigger.description;
		expect(subtitle).toContain('"memberErrors":"License errors in a group"');
		expect(subtitle).toContain('[$parameter["event"]]');
		const group = properties.find((p) => p.name === 'group');
		expect(group?.description?.startsWith('The group to watch.')).toBe(true);
	});
});
