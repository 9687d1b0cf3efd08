/**
 * The one home of the directory's identifier shapes: GUIDs, domain names, tenants, user principal names, and
 * OData string literals. graph-client, the licensing package and the n8n node all check ids with these, so that
 * "is this a GUID?" has one answer in the whole product.
 *
 * Every check is strict: no trimming, ASCII only. Look-alike letters (Cyrillic `а`), full-width digits (`１`),
 * zero-width characters and surrounding whitespace are refused, because Graph would refuse them too — later, and
 * without naming the field.
 */

/** A GUID, ASCII hex in any case: `00000000-0000-0000-0000-000000000000`. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A DNS domain name such as `contoso.onmicrosoft.com`: labels of 1–63 letters, digits or inner hyphens, ≤ 253 in all. */
export const DOMAIN_PATTERN =
  /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * A user principal name as Entra accepts it: a local part of `A–Z a–z 0–9 ' . - _ ! # ^ ~` (B2B guests carry
 * `#EXT#`), `@`, a domain name; at most 113 characters in all (Entra's limit for guest UPNs).
 */
export const USER_PRINCIPAL_NAME_PATTERN =
  /^(?=.{3,113}$)[A-Za-z0-9'._!#^~-]{1,100}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_PATTERN.test(value);
}

/** `GUID_PATTERN` without its anchors, for finding GUIDs inside a text. */
const GUID_ANYWHERE = new RegExp(GUID_PATTERN.source.slice(1, -1), 'g');

/** The GUIDs a text names (an error message, say), lower-cased, in order. */
export function guidsIn(text: string): string[] {
  return (text.match(GUID_ANYWHERE) ?? []).map((id) => id.toLowerCase());
}

export function isDomainName(value: unknown): value is string {
  return typeof value === 'string' && DOMAIN_PATTERN.test(value);
}

/** A tenant as sign-in accepts it: the directory (tenant) id GUID or a verified domain name. */
export function isTenantId(value: unknown): value is string {
  return isGuid(value) || isDomainName(value);
}

export function isUserPrincipalName(value: unknown): value is string {
  return typeof value === 'string' && USER_PRINCIPAL_NAME_PATTERN.test(value) && !value.startsWith('.');
}

/** A user as a path id accepts it: the object id GUID or a user principal name. */
export function isUserId(value: unknown): value is string {
  return isGuid(value) || isUserPrincipalName(value);
}

/** The text of an OData string literal (without the quotes): `'` is doubled, as OData's ABNF says. */
export function escapeODataString(text: string): string {
  return text.replace(/'/g, "''");
}
