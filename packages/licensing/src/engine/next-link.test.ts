import { describe, expect, it } from 'vitest';
import { checkNextLink, underVersionRoot } from './next-link.js';

const GROUP = '1132b215-826f-42a9-8cfe-1643d19d17fd';
const scope = { origin: 'https://graph.microsoft.com', path: `/v1.0/groups/${GROUP}/members` };

describe('checkNextLink', () => {
  it('follows more of the same collection on the same origin', () => {
    for (const link of [
      `https://graph.microsoft.com/v1.0/groups/${GROUP}/members?$top=999&$skiptoken=X'4453'`,
      `https://graph.microsoft.com/v1.0/groups/${GROUP.toUpperCase()}/members?$skiptoken=abc`,
      `https://graph.microsoft.com:443/v1.0/groups/${GROUP}/members/`,
    ]) {
      const checked = checkNextLink(link, scope);
      expect([link, checked.ok]).toEqual([link, true]);
    }
    const ok = checkNextLink(
      `https://graph.microsoft.com/v1.0/groups/${GROUP}/members?$skiptoken=abc`,
      scope,
    );
    expect(ok.ok && underVersionRoot(ok.url, '/v1.0')).toBe(`/groups/${GROUP}/members?$skiptoken=abc`);
  });

  it.each([
    ['another host', `https://evil.example/v1.0/groups/${GROUP}/members?$skiptoken=1`],
    ['another scheme', `http://graph.microsoft.com/v1.0/groups/${GROUP}/members`],
    ['another port', `https://graph.microsoft.com:8443/v1.0/groups/${GROUP}/members`],
    ['a look-alike host', `https://graph.microsoft.com.evil.example/v1.0/groups/${GROUP}/members`],
    ['credentials in the URL', `https://user:pw@graph.microsoft.com/v1.0/groups/${GROUP}/members`],
    ['another collection', 'https://graph.microsoft.com/v1.0/users?$top=999'],
    ['another group', 'https://graph.microsoft.com/v1.0/groups/00000000-0000-4000-8000-000000000001/members'],
    ['another version', `https://graph.microsoft.com/beta/groups/${GROUP}/members`],
    ['a sub-resource', `https://graph.microsoft.com/v1.0/groups/${GROUP}/members/microsoft.graph.user`],
    ['a path escape', `https://graph.microsoft.com/v1.0/groups/${GROUP}/members/../../users`],
    ['an encoded slash', `https://graph.microsoft.com/v1.0/groups/${GROUP}%2Fmembers`],
    ['a relative link', `/v1.0/groups/${GROUP}/members?$skiptoken=1`],
    ['not a URL', 'not a url'],
    ['an empty string', ''],
    ['a number', 42],
  ])('refuses %s, naming the link', (_name, link) => {
    const checked = checkNextLink(link, scope);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect([checked.error.code, checked.error.field]).toEqual(['GRAPH_ERROR', '@odata.nextLink']);
    expect(checked.error.value).toBe(link);
    expect(checked.error.message).toContain('it was not followed');
  });

  it('shortens a huge link in the error', () => {
    const link = `https://evil.example/${'a'.repeat(100_000)}`;
    const checked = checkNextLink(link, scope);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(String(checked.error.value).length).toBeLessThan(300);
    expect(checked.error.message.length).toBeLessThan(600);
  });
});
