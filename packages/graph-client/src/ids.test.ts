import { describe, expect, it } from 'vitest';
import {
  escapeODataString,
  guidsIn,
  isDomainName,
  isGuid,
  isTenantId,
  isUserId,
  isUserPrincipalName,
} from './ids.js';

const GUID = '0f8b3c2e-1d4a-4b6c-9e7f-a1b2c3d4e5f6';

describe('isGuid', () => {
  it.each([GUID, GUID.toUpperCase(), '00000000-0000-0000-0000-000000000000'])('accepts %s', (value) => {
    expect(isGuid(value)).toBe(true);
  });
  it.each([
    ['not a GUID', 'not-a-guid'],
    ['Cyrillic а', GUID.replace('a', '\u0430')],
    ['full-width digit', GUID.replace('1', '\uff11')],
    ['trailing zero-width space', `${GUID}\u200b`],
    ['surrounding spaces', ` ${GUID} `],
    ['trailing newline', `${GUID}\n`],
    ['braces', `{${GUID}}`],
    ['no hyphens', GUID.replaceAll('-', '')],
    ['a number', 42],
    ['an object', { toString: () => GUID }],
  ])('refuses %s', (_label, value) => {
    expect(isGuid(value)).toBe(false);
  });
});

describe('guidsIn', () => {
  it('finds every GUID of a message, lower-cased and in order, and nothing else', () => {
    const other = '00000000-0000-0000-0000-00000000000A';
    expect(
      guidsIn(`License ${GUID.toUpperCase()} conflicts with ${other}; not 1234-5678 or ${GUID.slice(1)}x`),
    ).toEqual([GUID, other.toLowerCase()]);
    expect(guidsIn('no ids here')).toEqual([]);
  });
});

describe('domains, tenants and user principal names', () => {
  it('accepts real shapes', () => {
    expect(isDomainName('contoso.onmicrosoft.com')).toBe(true);
    expect(isTenantId('contoso.onmicrosoft.com')).toBe(true);
    expect(isTenantId(GUID)).toBe(true);
    expect(isUserPrincipalName('adele.vance@contoso.com')).toBe(true);
    expect(isUserPrincipalName('alice_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe(true);
    expect(isUserId(GUID)).toBe(true);
    expect(isUserId("o'brien@contoso.com")).toBe(true);
  });
  it.each([
    'contoso',
    '-contoso.com',
    'contoso..com',
    `${'a'.repeat(64)}.com`,
    'cont\u043eso.com',
    ' contoso.com',
  ])('refuses the domain %j', (value) => {
    expect(isDomainName(value)).toBe(false);
  });
  it.each([
    'adele',
    'adele@',
    '@contoso.com',
    'adele vance@contoso.com',
    'adele@contoso.com ',
    'ad\u0435le@contoso.com',
    'adele/../@contoso.com',
    `${'a'.repeat(120)}@contoso.com`,
    '.adele@contoso.com',
  ])('refuses the user principal name %j', (value) => {
    expect(isUserPrincipalName(value)).toBe(false);
  });
});

describe('escapeODataString', () => {
  it('doubles single quotes and leaves the rest', () => {
    expect(escapeODataString("O'Brien's team")).toBe("O''Brien''s team");
    expect(escapeODataString('Sales')).toBe('Sales');
  });
});
