/**
 * What n8n's node panel (the node creator) shows for this package. n8n merges a trigger into the action node of the
 * same name into ONE entry whose description is the trigger's (editor-ui `useActionsGeneration.ts`:
 * `app.description = trigger.description`), and names each trigger event by its `action` (else "On " + its name).
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { MicrosoftEntraLicensingTrigger } from '../../../nodes/MicrosoftEntraLicensingTrigger/MicrosoftEntraLicensingTrigger.node';

const action = new MicrosoftEntraLicensing().nodeVersions[1]!.description;
const trigger = new MicrosoftEntraLicensingTrigger().description;

describe('the node panel entry', () => {
	it('is one entry: the trigger’s name is the action node’s name + "Trigger"', () => {
		expect(trigger.name.replace('Trigger', '')).toBe(action.name);
	});

	it('its description (the trigger’s) says first what the action node does, then what the trigger does', () => {
		expect(trigger.description).toBe(
			`${action.description}, and start a workflow when licensing needs attention`,
		);
	});

	it('names each trigger event as a sentence that reads after "On"', () => {
		const event = trigger.properties.find((p) => p.name === 'event');
		const actions = ((event?.options ?? []) as INodePropertyOptions[]).map((o) => [
			o.value,
			o.action,
		]);
		expect(actions).toEqual([
			['groupLicensesChanged', 'On a change of a group’s licenses'],
			['memberErrors', 'On license errors in a group'],
			['anyGroupMemberErrors', 'On license errors in any group'],
			['lowSeats', 'On low free seats of a SKU'],
			['anySkuLowSeats', 'On low free seats of any SKU'],
			['newServicePlan', 'On a new service plan in a SKU'],
			['subscriptionChanged', 'On a subscription expiring or changing state'],
		]);
	});
});
