import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { licensingFor } from '../../../shared/transport';
import { skuList } from '../../helpers/fields';
import { once } from '../../helpers/itemRuns';
import { listParam, skuRefs } from '../../helpers/params';

const properties: INodeProperties[] = [
	{
		displayName: 'Inactive Days',
		name: 'inactiveDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 90,
		description:
			'A user with no successful sign-in, interactive or not, for this many days is a candidate (bucket "dormant")',
	},
	{
		displayName: 'Grace Days',
		name: 'graceDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description:
			'Accounts created, and licenses whose path changed, within this many days are never candidates (new starters)',
	},
	{
		displayName: 'Exempt Users',
		name: 'exemptUsers',
		type: 'string',
		default: '',
		placeholder: 'e.g. ceo@contoso.com, 7f0e4b86-1a1c-4c3a-9a1e-0f1f1c1d1e1f',
		description:
			'Users who keep their licenses whatever their sign-ins: user principal names or object IDs, comma-separated (an expression may give an array)',
	},
	{
		displayName: 'Exempt Groups',
		name: 'exemptGroups',
		type: 'string',
		default: '',
		placeholder: 'e.g. On Leave, Service Accounts',
		description:
			'Groups whose members keep their licenses: exact display names or object IDs, comma-separated (an expression may give an array)',
	},
	skuList(
		'skus',
		'SKUs Names or IDs',
		'Only licenses of these products are reclaimed. Empty: every product.',
		false,
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tenant'], operation: ['findReclaimable'] } },
	properties,
);

/**
 * One output item per candidate of the library's `findReclaimable` (the CLI's `reclaim --json` candidates): who,
 * which bucket (`never`, `dormant`, `disabled`), the evidence (dates) and, per license, the action that frees the
 * seat with what it does to that person. Reads only; runs once for the whole input. Without AuditLog.Read.All or
 * Entra ID P1 the library searches the `disabled` bucket alone and says why: that becomes an execution hint.
 */
export const execute = once(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const { service } = await licensingFor(this);
	const skus = skuRefs(this, 'skus', itemIndex);
	const plan = await service.findReclaimable({
		inactiveDays: this.getNodeParameter('inactiveDays', itemIndex, 90) as number,
		graceDays: this.getNodeParameter('graceDays', itemIndex, 30) as number,
		exceptions: {
			users: listParam(this, 'exemptUsers', itemIndex),
			groups: listParam(this, 'exemptGroups', itemIndex),
		},
		...(skus.length > 0 ? { skus } : {}),
	});
	if (!plan.signInActivity.available) {
		this.addExecutionHints({
			message: `Only the "disabled" bucket was searched: ${plan.signInActivity.message}`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return plan.candidates.map(
		({ id, userPrincipalName, bucket, evidence, actions }) =>
			({ id, userPrincipalName, bucket, evidence, actions }) as unknown as IDataObject,
	);
});
