import { LicensingError } from '../core/licensing-error.js';

/** Where a paged request went: the client's origin and the request's path under it (with the version). */
export interface PageScope {
  /** `https://graph.microsoft.com` (the client's `graphOrigin`). */
  origin: string;
  /** `/v1.0/groups/{id}/members`: the path (no query) of the request whose answer carried the link. */
  path: string;
}

/** Pages of one collection followed at most (999 members a page: about 10 million members). */
export const MAX_PAGES = 10_000;

export type NextLinkCheck = { ok: true; url: URL } | { ok: false; error: LicensingError };

/** Graph's path segments compared as it compares them: decoded, case-insensitive. */
function samePath(a: string, b: string): boolean {
  const normal = (p: string) => {
    try {
      return decodeURIComponent(p).replace(/\/+$/, '').toLowerCase();
    } catch {
      return undefined;
    }
  };
  const left = normal(a);
  return left !== undefined && left === normal(b);
}

function shortened(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/**
 * Checks an `@odata.nextLink` before it is followed: it must be an absolute URL with the configured origin and the
 * same resource path as the request that produced it (a members page leads only to more members of that group).
 * Anything else is refused with an error naming the link: following it would read, and count, something else. A
 * link already followed (`followed`, the hrefs of earlier pages) is refused too: the pages would never end.
 */
export function checkNextLink(
  link: unknown,
  scope: PageScope,
  followed: ReadonlySet<string> = new Set(),
): NextLinkCheck {
  const refuse = (why: string) => ({
    ok: false as const,
    error: new LicensingError({
      code: 'GRAPH_ERROR',
      field: '@odata.nextLink',
      value: typeof link === 'string' ? shortened(link) : link,
      message: `Graph's answer to ${scope.path} carried an @odata.nextLink that ${why}; it was not followed. Expected more of ${scope.origin}${scope.path}.`,
    }),
  });
  if (typeof link !== 'string' || link.trim() === '') return refuse('is not a URL');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return refuse(`is not an absolute URL (${JSON.stringify(shortened(link))})`);
  }
  if (url.origin !== scope.origin) return refuse(`points to another origin (${url.origin})`);
  if (url.username || url.password) return refuse('carries credentials');
  if (/%2f|%5c/i.test(url.pathname)) return refuse('hides a path separator in an escape');
  if (!samePath(url.pathname, scope.path))
    return refuse(`points to another resource (${shortened(url.pathname)})`);
  if (followed.has(url.href)) return refuse('repeats a page already read (the pages would never end)');
  if (followed.size >= MAX_PAGES) return refuse(`would be page ${MAX_PAGES + 1} (the limit)`);
  return { ok: true, url };
}

/** The path of a URL relative to the version root (`/v1.0`), with its query: the form a `$batch` step takes. */
export function underVersionRoot(url: URL, versionRoot: string): string {
  const root = versionRoot.replace(/\/+$/, '');
  const path = url.pathname.startsWith(`${root}/`) ? url.pathname.slice(root.length) : url.pathname;
  return `${path}${url.search}`;
}
