import type { LicenseTarget, LicensingService, ResolvedTarget } from '@entra-licensing/licensing';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { licensingFor } from '../../shared/transport';
import type { ItemOutcome, OperationExecute } from '../actions/node.type';
import { targetRef } from './params';

export type ItemRead = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

/**
 * A read or per-item action run item by item. Without Continue On Fail the first failure ends the run (n8n stops
 * the node there); with it, every item runs.
 */
export function perItem(read: ItemRead): OperationExecute {
	return async function (this: IExecuteFunctions, itemIndexes: number[]) {
		const outcomes = new Map<number, ItemOutcome>();
		for (const itemIndex of itemIndexes) {
			try {
				outcomes.set(itemIndex, { ok: true, json: await read.call(this, itemIndex) });
			} catch (error) {
				outcomes.set(itemIndex, { ok: false, error });
				if (!this.continueOnFail()) break;
			}
		}
		return outcomes;
	};
}

/** An operation that answers once for the whole input (a tenant-wide list), paired with the first item. */
export function once(read: ItemRead): OperationExecute {
	const run = perItem(read);
	return async function (this: IExecuteFunctions, itemIndexes: number[]) {
		return await run.call(this, itemIndexes.slice(0, 1));
	};
}

/**
 * A read or action on the item's group or user, item by item: the target as the item gives it (ID, a group's name, a
 * UPN) found through the licensing service, then `read` with the service.
 */
export function perTarget(
	kind: LicenseTarget['kind'],
	read: (
		this: IExecuteFunctions,
		service: LicensingService,
		target: ResolvedTarget,
		itemIndex: number,
	) => Promise<IDataObject | IDataObject[]>,
): OperationExecute {
	return perItem(async function (this: IExecuteFunctions, itemIndex: number) {
		const { service } = await licensingFor(this);
		const ref = targetRef(this, kind, itemIndex);
		const target = await service.resolveTarget(kind, ref, kind === 'group' ? 'Group' : 'User');
		return await read.call(this, service, target, itemIndex);
	});
}
