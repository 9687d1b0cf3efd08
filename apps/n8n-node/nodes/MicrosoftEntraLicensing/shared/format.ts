import type { IDataObject } from 'n8n-workflow';
import type { GroupLicenses, NamedLicense, ResolvedSku } from '@entra-licensing/licensing';

/** A seat count as people read it: `12,500`. */
export function seatCount(value: number | null | undefined): string {
	return (value ?? 0).toLocaleString('en-US');
}

/**
 * Whole numbers of four or more digits in a message, with thousands separators (`2500` → `2,500`); digits inside
 * ids (GUID parts, part numbers) are left alone.
 */
export function withSeparators(text: string): string {
	return text.replace(/(?<![\w.-])\d{4,}(?![\w.-])/g, (digits) => Number(digits).toLocaleString('en-US'));
}

/** The free seats of a SKU in words: `12 of 250 free`. */
export function freeSeats(sku: Pick<ResolvedSku, 'seats'>): string {
	return `${seatCount(sku.seats?.available)} of ${seatCount(sku.seats?.enabled)} free`;
}

/** A group license entry: what a group holds (the user-only fields `direct` and `assignedByGroup` left out). */
function groupLicenseJson(license: NamedLicense): IDataObject {
	const json: IDataObject = { ...(license as unknown as IDataObject) };
	delete json.direct;
	delete json.assignedByGroup;
	return json;
}

/** A group's licenses, the group named by id and display name. */
export function groupLicensesJson(licenses: GroupLicenses): IDataObject {
	return {
		groupId: licenses.groupId,
		displayName: licenses.displayName,
		processingState: licenses.processingState,
		licenses: licenses.licenses.map(groupLicenseJson),
	};
}
