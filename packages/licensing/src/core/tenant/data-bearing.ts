/**
 * Service plans whose removal takes data from a user, not only a service: an Exchange Online mailbox, or SharePoint
 * Online / OneDrive storage. Names as in Microsoft's product-name and service-plan catalog
 * (/work/shared/data/sku-catalog.csv, column Service_Plan_Name; `data-bearing.test.ts` checks each is there).
 *
 * Sources:
 * - Entra ID, group-based licensing: removing a license "can result in loss of service, or in some cases, loss of
 *   data" — https://learn.microsoft.com/en-us/entra/identity/users/licensing-group-advanced
 * - Microsoft 365 admin, "Remove licenses from users": when the license is removed, the user's Exchange Online data
 *   is kept for 30 days, then deleted and cannot be recovered —
 *   https://learn.microsoft.com/en-us/microsoft-365/admin/manage/remove-licenses-from-users
 * - SharePoint, "Unlicensed OneDrive accounts": a OneDrive left without a license is archived or deleted after 93
 *   days — https://learn.microsoft.com/en-us/sharepoint/unlicensed-onedrive-accounts
 */
export type DataKind = 'mailbox' | 'files';

export interface DataBearingPlan {
  kind: DataKind;
  /** Microsoft's friendly name (catalog column Service_Plans_Included_Friendly_Names). */
  label: string;
}

export const DATA_BEARING_PLANS: ReadonlyMap<string, DataBearingPlan> = new Map<string, DataBearingPlan>([
  // Exchange Online mailboxes (and the archive mailbox add-on)
  ['EXCHANGE_S_STANDARD', { kind: 'mailbox', label: 'Exchange Online (Plan 1)' }],
  ['EXCHANGE_S_ENTERPRISE', { kind: 'mailbox', label: 'Exchange Online (Plan 2)' }],
  ['EXCHANGE_S_DESKLESS', { kind: 'mailbox', label: 'Exchange Online Kiosk' }],
  ['EXCHANGE_S_ESSENTIALS', { kind: 'mailbox', label: 'Exchange Essentials' }],
  ['EXCHANGE_L_STANDARD', { kind: 'mailbox', label: 'Exchange Online (P1)' }],
  ['EXCHANGE_B_STANDARD', { kind: 'mailbox', label: 'Exchange Online POP' }],
  ['EXCHANGE_S_STANDARD_MIDMARKET', { kind: 'mailbox', label: 'Exchange Online Plan' }],
  ['EXCHANGE_S_STANDARD_GOV', { kind: 'mailbox', label: 'Exchange Online (Plan 1) for Government' }],
  ['EXCHANGE_S_ENTERPRISE_GOV', { kind: 'mailbox', label: 'Exchange Online (Plan 2) for Government' }],
  ['EXCHANGE_S_DESKLESS_GOV', { kind: 'mailbox', label: 'Exchange Online (Kiosk) for Government' }],
  ['EXCHANGE_S_ARCHIVE_ADDON', { kind: 'mailbox', label: 'Exchange Online Archiving' }],
  // SharePoint Online and OneDrive storage
  ['SHAREPOINTSTANDARD', { kind: 'files', label: 'SharePoint (Plan 1)' }],
  ['SHAREPOINTENTERPRISE', { kind: 'files', label: 'SharePoint (Plan 2)' }],
  ['SHAREPOINTDESKLESS', { kind: 'files', label: 'SharePoint Kiosk' }],
  ['SHAREPOINTSTANDARD_EDU', { kind: 'files', label: 'SharePoint (Plan 1) for Education' }],
  ['SHAREPOINTENTERPRISE_EDU', { kind: 'files', label: 'SharePoint (Plan 2) for Education' }],
  ['SHAREPOINTENTERPRISE_GOV', { kind: 'files', label: 'SharePoint Plan 2G' }],
  ['SHAREPOINTENTERPRISE_MIDMARKET', { kind: 'files', label: 'SharePoint (Plan 1)' }],
  ['SHAREPOINTDESKLESS_GOV', { kind: 'files', label: 'SharePoint KioskG' }],
  ['ONEDRIVESTANDARD', { kind: 'files', label: 'OneDrive for Business (Plan 1)' }],
  ['ONEDRIVEENTERPRISE', { kind: 'files', label: 'OneDrive for Business' }],
  ['ONEDRIVE_BASIC', { kind: 'files', label: 'OneDrive for Business (Basic)' }],
  ['ONEDRIVE_BASIC_P2', { kind: 'files', label: 'OneDrive for Business (Basic 2)' }],
  ['ONEDRIVE_BASIC_GOV', { kind: 'files', label: 'OneDrive for Business Basic for Government' }],
]);

/** What a data-bearing plan holds, or undefined for any other plan. */
export function dataBearing(servicePlanName: string): DataBearingPlan | undefined {
  return DATA_BEARING_PLANS.get(servicePlanName.toUpperCase());
}
