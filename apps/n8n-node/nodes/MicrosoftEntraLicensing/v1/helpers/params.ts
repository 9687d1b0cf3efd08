import type {
	BulkItemOptions,
	LicenseIntent,
	LicenseTarget,
	SkuSpec,
} from '@entra-licensing/licensing';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { WriteRequest } from './writeOperation';

/** A resource locator's value (ID, name or UPN), whatever mode or expression gave it. */
export function targetRef(
	context: IExecuteFunctions,
	kind: LicenseTarget['kind'],
	itemIndex: number,
): string {
	const value = context.getNodeParameter(kind, itemIndex, '', { extractValue: true }) as unknown;
	return typeof value === 'string' ? value : String(value ?? '');
}

function asList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** A list parameter: a list, or by an expression an array or comma-separated text (blank entries dropped). */
export function listParam(context: IExecuteFunctions, name: string, itemIndex: number): string[] {
	return asList(context.getNodeParameter(name, itemIndex, []));
}

/** SKUs given as a list, or by an expression as an array or comma-separated text. */
export function skuRefs(context: IExecuteFunctions, name: string, itemIndex: number): string[] {
	return listParam(context, name, itemIndex);
}

/** The "licenses" collection: SKUs each with the plans to disable. */
export function licenseSpecs(context: IExecuteFunctions, itemIndex: number): SkuSpec[] {
	const collection = context.getNodeParameter('licenses', itemIndex, {}) as {
		license?: Array<{ sku?: unknown; disabledPlans?: unknown }>;
	};
	return (collection.license ?? []).map((entry) => ({
		sku: String(entry.sku ?? ''),
		disabledPlans: asList(entry.disabledPlans),
	}));
}

/** The request of one item of a license-changing operation: its target as given, its intent, its own options. */
export function writeRequest(
	context: IExecuteFunctions,
	kind: LicenseTarget['kind'],
	itemIndex: number,
	intent: LicenseIntent,
): WriteRequest {
	return {
		itemIndex,
		kind,
		ref: targetRef(context, kind, itemIndex),
		intent,
		options: writeOptions(context, itemIndex),
	};
}

/** The "Options" collection and "Dry Run" of a license-changing operation: the item's own bulk options. */
export function writeOptions(context: IExecuteFunctions, itemIndex: number): BulkItemOptions {
	const raw = context.getNodeParameter('options', itemIndex, {}) as {
		usageLocation?: string;
		maxRemovals?: number;
		strictSeats?: boolean;
		allowDataLoss?: boolean;
	};
	const options: BulkItemOptions = {};
	if (raw.usageLocation) options.usageLocation = raw.usageLocation.trim().toUpperCase();
	if (typeof raw.maxRemovals === 'number') options.maxRemovals = raw.maxRemovals;
	if (raw.strictSeats) options.strictSeats = true;
	if (raw.allowDataLoss) options.allowDataLoss = true;
	if (context.getNodeParameter('dryRun', itemIndex, false) === true) options.dryRun = true;
	return options;
}
