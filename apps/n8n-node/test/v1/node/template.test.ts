/** The reclaim template: the README ships the committed file as is, and its nodes use the node's own fields. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { MicrosoftEntraLicensing } from '../../../nodes/MicrosoftEntraLicensing/MicrosoftEntraLicensing.node';

const root = join(__dirname, '..', '..', '..');
const file = readFileSync(join(root, 'templates', 'reclaim-licenses.json'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const template = JSON.parse(file) as {
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const properties = new MicrosoftEntraLicensing().nodeVersions[1]!.description.properties;

describe('templates/reclaim-licenses.json', () => {
	it('is the JSON block of the README, character for character', () => {
		const blocks = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]);
		expect(blocks).toContain(file.trimEnd());
	});

	it('runs Find Reclaimable Licenses, a Wait for the approval, then Remove Member, with known fields only', () => {
		const ours = template.nodes.filter(
			(n) => n.type === 'n8n-nodes-entra-licensing.microsoftEntraLicensing',
		);
		expect(ours.map((n) => `${n.parameters.resource}/${n.parameters.operation}`)).toEqual([
			'tenant/findReclaimable',
			'group/removeMember',
		]);
		for (const n of ours) {
			const shown = properties.filter((p) => {
				const show = p.displayOptions?.show;
				return (
					!show ||
					((show.resource as string[] | undefined)?.includes(String(n.parameters.resource)) !==
						false &&
						(show.operation as string[] | undefined)?.includes(String(n.parameters.operation)) !==
							false)
				);
			});
			const names = new Set(shown.map((p) => p.name));
			expect(Object.keys(n.parameters).filter((k) => !names.has(k))).toEqual([]);
		}
		const order: string[] = [];
		for (let at: string | undefined = 'Every Monday'; at; ) {
			order.push(at);
			at = template.connections[at]?.main[0]?.[0]?.node;
		}
		expect(order.map((name) => template.nodes.find((n) => n.name === name)?.type)).toEqual([
			'n8n-nodes-base.scheduleTrigger',
			'n8n-nodes-entra-licensing.microsoftEntraLicensing',
			'n8n-nodes-base.splitOut',
			'n8n-nodes-base.filter',
			'n8n-nodes-base.wait',
			'n8n-nodes-base.if',
			'n8n-nodes-base.code',
			'n8n-nodes-entra-licensing.microsoftEntraLicensing',
		]);
	});
});
