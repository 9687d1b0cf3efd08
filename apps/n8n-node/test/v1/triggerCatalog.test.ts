/**
 * The trigger's subscription and catalog events against the emulator: a service plan Microsoft adds to a subscribed
 * SKU (the emulator's control endpoint), and subscriptions that expire soon or change state. Each fires once.
 */
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensingTrigger } from '../../nodes/MicrosoftEntraLicensingTrigger/MicrosoftEntraLicensingTrigger.node';
import { emulatorCredentials, useTestEmulator } from '../harness/emulator';
import { createContext } from './support/context';

const trigger = new MicrosoftEntraLicensingTrigger();
const env = useTestEmulator();

function jsonOf(result: Awaited<ReturnType<typeof trigger.poll>>): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

const NEW_PLAN = {
	servicePlanName: 'EMULATED_NEW_PLAN',
	servicePlanId: '6f1f4e1a-3b2c-4d5e-8f90-a1b2c3d4e5f6',
};

describe('Trigger: new service plan in a SKU', () => {
	it('fires once for the plan the control endpoint adds, and not again on the next poll', async () => {
		const poller = createContext({
			parameters: { event: 'newServicePlan' },
			credentials: emulatorCredentials(env.emulator),
		});
		// The first poll only records the plans; nothing changed before the second.
		expect(await trigger.poll.call(poller.poll)).toBeNull();
		expect(await trigger.poll.call(poller.poll)).toBeNull();

		const response = await fetch(`${env.emulator.url}/_emulator/skus/SPE_E3/servicePlans`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(NEW_PLAN),
		});
		expect(response.status).toBe(201);
		const sku = (await response.json()) as { skuId: string; skuPartNumber: string };

		const fired = jsonOf(await trigger.poll.call(poller.poll));
		expect(
			fired.map((p) => [p.skuId, p.skuPartNumber, p.servicePlanId, p.servicePlanName]),
		).toEqual([[sku.skuId, 'SPE_E3', NEW_PLAN.servicePlanId, NEW_PLAN.servicePlanName]]);
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});
});

interface Subscription {
	id: string;
	skuPartNumber: string;
	status: string;
	nextLifecycleDateTime: string | null;
}

async function subscriptions(): Promise<Subscription[]> {
	const page = (await env.emulator.readGraph('/directory/subscriptions')) as {
		value: Subscription[];
	};
	return page.value;
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Trigger: subscription expiring or changed state', () => {
	it('fires once for each subscription whose next lifecycle date is within the days, then not again', async () => {
		const days = 30;
		const now = Date.now();
		const within = (await subscriptions())
			.filter(
				(s) =>
					s.nextLifecycleDateTime !== null &&
					Math.floor((Date.parse(s.nextLifecycleDateTime) - now) / DAY_MS) <= days,
			)
			.map((s) => s.id)
			.sort();
		// The seed has subscriptions on both sides of the window, so the filter is tested.
		expect(within.length).toBeGreaterThan(0);
		expect(within.length).toBeLessThan((await subscriptions()).length);

		const poller = createContext({
			parameters: { event: 'subscriptionChanged', days },
			credentials: emulatorCredentials(env.emulator),
		});
		const fired = jsonOf(await trigger.poll.call(poller.poll));
		expect(fired.map((s) => s.id).sort()).toEqual(within);
		expect(fired.every((s) => s.expiring === true && s.statusChanged === false)).toBe(true);
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});

	it('with 0 days fires only for what is due within the day, once', async () => {
		const poller = createContext({
			parameters: { event: 'subscriptionChanged', days: 0 },
			credentials: emulatorCredentials(env.emulator),
		});
		const overdue = (await subscriptions()).filter(
			(s) =>
				s.nextLifecycleDateTime !== null &&
				Math.floor((Date.parse(s.nextLifecycleDateTime) - Date.now()) / DAY_MS) <= 0,
		);
		expect(jsonOf(await trigger.poll.call(poller.poll))).toHaveLength(overdue.length);
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});

	it('fires once for a subscription whose status differs from the previous poll', async () => {
		const poller = createContext({
			parameters: { event: 'subscriptionChanged', days: 0 },
			credentials: emulatorCredentials(env.emulator),
		});
		await trigger.poll.call(poller.poll);
		const target = (await subscriptions()).find((s) => s.status !== 'Enabled');
		expect(target).toBeDefined();
		// The emulator has no control to change a subscription's state while it runs: the previous poll is made to
		// have seen it Enabled (the trigger's own state in n8n's static data).
		const state = poller.poll.getWorkflowStaticData('node');
		const seen = JSON.parse(String(state.lastFingerprint)) as Record<string, string>;
		const [, expiry] = seen[target!.id]!.split('|');
		seen[target!.id] = `Enabled|${expiry}`;
		state.lastFingerprint = JSON.stringify(seen);

		const fired = jsonOf(await trigger.poll.call(poller.poll));
		expect(fired.map((s) => [s.id, s.status, s.previousStatus, s.statusChanged])).toEqual([
			[target!.id, target!.status, 'Enabled', true],
		]);
		expect(await trigger.poll.call(poller.poll)).toBeNull();
	});
});
