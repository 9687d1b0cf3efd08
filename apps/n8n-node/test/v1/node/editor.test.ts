/**
 * What the editor shows: warnings as execution hints naming the group or user, groups named in outputs, group
 * license entries without user-only fields, seat numbers people can read, a refused sign-in named as such, and the
 * demo workflow's parameters (ids picked from the lists) next to an older workflow that stored names.
 */
import { type INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';
import { withSeparators } from '../../../nodes/MicrosoftEntraLicensing/shared/format';
import {
	DEMO_DISABLED_PLAN_ID,
	DEMO_PRODUCT_ID,
	demoWorkflow,
} from '../../../scripts/demo-workflow.mjs';
import { emulatorCredentials, rl, useTestEmulator } from '../../harness/emulator';
import type { ContextOptions } from '../../harness/executeContext';
import { createContext } from '../support/context';

const node = new MicrosoftEntraLicensing().nodeVersions[1]!;
const env = useTestEmulator();

async function run(
	options: Omit<ContextOptions, 'credentials'>,
	credentials = emulatorCredentials(env.emulator),
) {
	const context = createContext({ ...options, credentials });
	const [output] = (await node.execute!.call(context.execute)) as INodeExecutionData[][];
	return { output: output!, hints: context.hints };
}

function demoParameters(name: string): Record<string, unknown> {
	const found = demoWorkflow.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`no demo node ${name}`);
	return found.parameters;
}

describe('warnings as execution hints', () => {
	it('a seat shortfall is a hint naming the group, with the licensing package’s warning as raised', async () => {
		const { output, hints } = await run({ parameters: demoParameters('Assign Microsoft 365 E5') });
		expect(output[0]!.json.status).toBe('applied');
		const warnings = output[0]!.json.warnings as Array<{
			code: string;
			field: string;
			message: string;
		}>;
		const shortfall =
			'intent.skus[0]: Microsoft 365 E5 (SPE_E5) has 10 free seat(s) but 14 member(s) of the group do not hold it yet; 4 member(s) would fail with CountViolation.';
		expect(warnings.map((w) => [w.code, w.field, w.message])).toEqual([
			['SEAT_SHORTFALL', 'intent.skus[0]', shortfall],
		]);
		expect(hints).toEqual([
			{ type: 'warning', location: 'outputPane', message: `Group "E5 Rollout": ${shortfall}` },
		]);
	});

	it('a SKU to remove that the group does not hold is a hint naming the group', async () => {
		const { output, hints } = await run({
			parameters: {
				resource: 'group',
				operation: 'removeLicense',
				group: rl('Contractors', 'name'),
				skus: ['VISIOCLIENT'],
			},
		});
		expect(output[0]!.json.status).toBe('unchanged');
		expect(hints.map((h) => h.message)).toEqual([
			'Group "Contractors": SKU Visio Plan 2 (VISIOCLIENT) is not assigned to the target; nothing to remove.',
		]);
	});

	it('no warning, no hint', async () => {
		const { hints } = await run({ parameters: { resource: 'sku', operation: 'getAll' } });
		expect(hints).toEqual([]);
	});
});

describe('outputs as the editor shows them', () => {
	it('names the group by display name and id in a write’s output', async () => {
		const { output } = await run({
			parameters: {
				resource: 'group',
				operation: 'assignLicense',
				group: rl('1132b215-826f-42a9-8cfe-1643d19d17fd', 'id'),
				licenses: { license: [{ sku: 'AAD_PREMIUM', disabledPlans: [] }] },
			},
		});
		expect(output[0]!.json.target).toEqual({
			type: 'group',
			id: '1132b215-826f-42a9-8cfe-1643d19d17fd',
			displayName: 'Licensing Pilot',
		});
	});

	it('group license entries carry no user-only fields', async () => {
		const { output } = await run({
			parameters: { resource: 'group', operation: 'getLicenses', group: rl('Sales', 'name') },
		});
		const licenses = output[0]!.json.licenses as Array<Record<string, unknown>>;
		expect(output[0]!.json.displayName).toBe('Sales');
		expect(licenses.length).toBeGreaterThan(0);
		for (const license of licenses) {
			expect(Object.keys(license)).not.toContain('direct');
			expect(Object.keys(license)).not.toContain('assignedByGroup');
		}
	});

	it('writes seat numbers with thousands separators, leaving ids alone', () => {
		expect(
			withSeparators(
				'has 999998 free seat(s) of 1000000; SKU 06ebc4ee-1000-47dd-8120-11324bc54e06 and 7',
			),
		).toBe('has 999,998 free seat(s) of 1,000,000; SKU 06ebc4ee-1000-47dd-8120-11324bc54e06 and 7');
	});

	it('a refused sign-in at run time is a sign-in failure, without the secret', async () => {
		const secret = 'wrong-secret~0123456789abcdef';
		const error = await run(
			{ parameters: { resource: 'sku', operation: 'getAll' } },
			{ ...emulatorCredentials(env.emulator), clientSecret: secret },
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message.startsWith('Sign-in to Microsoft Entra failed: ')).toBe(
			true,
		);
		expect(JSON.stringify(error)).not.toContain(secret);
	});
});

describe('existing workflows keep working', () => {
	it('the demo’s ids from the lists and an older workflow’s names give the same change', async () => {
		const ids = demoParameters('Assign Microsoft 365 E5');
		expect(ids.licenses).toEqual({
			license: [{ sku: DEMO_PRODUCT_ID, disabledPlans: [DEMO_DISABLED_PLAN_ID] }],
		});
		// From a group without the product (the demo's own Remove step), the demo's parameters apply it …
		await run({ parameters: demoParameters('Remove Microsoft 365 E5') });
		const byIds = await run({ parameters: ids });
		// … and an older workflow's parameters with names ask for exactly the same state.
		// The same node version 1 parameters as the demo stored before: names instead of ids.
		const byNames = await run({
			parameters: {
				resource: 'group',
				operation: 'assignLicense',
				group: rl('E5 Rollout', 'name'),
				licenses: { license: [{ sku: 'Microsoft 365 E5', disabledPlans: ['YAMMER_ENTERPRISE'] }] },
			},
		});
		expect(byIds.output[0]!.json.status).toBe('applied');
		expect(byNames.output[0]!.json.status).toBe('unchanged');
		expect(byNames.output[0]!.json.target).toEqual(byIds.output[0]!.json.target);
	});
});

describe('an inherited license kept', () => {
	it('is a hint naming the user when Remove License skips it', async () => {
		const { output, hints } = await run({
			parameters: {
				resource: 'user',
				operation: 'removeLicense',
				user: rl('isaiah@contoso.onmicrosoft.com', 'upn'),
				skus: ['SPE_E3'],
			},
		});
		expect(output[0]!.json.status).toBe('skipped');
		const warnings = output[0]!.json.warnings as Array<{ code: string; field: string }>;
		expect(warnings.map((w) => w.code)).toContain('INHERITED_LICENSE_SKIPPED');
		expect(hints.map((h) => h.message)).toEqual([
			'User isaiah@contoso.onmicrosoft.com: Microsoft 365 E3 (SPE_E3) is inherited from group d1e73e6a-ec69-51d6-9509-5c5ab0866192, not assigned directly; it was left alone (remove the user from the group, or the license from the group).',
		]);
	});
});
