import { distance } from 'fastest-levenshtein';

/** Case-, space- and punctuation-insensitive key: "Microsoft 365 E3 (no Teams)" → "microsoft365e3noteams". */
export function nameKey(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the fast path is for plain ASCII text
  if (/^[\x00-\x7f]*$/.test(value)) return value.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Work done by {@link editDistance} since the process started, in table cells (`a.length × b.length` per call).
 * Tests read it to prove that resolution work is bounded whatever the input (time is not measured in tests).
 */
export const matchWork = { cells: 0 };

/** Levenshtein edit distance (fastest-levenshtein), the one of the workspace, counted in {@link matchWork}. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  matchWork.cells += a.length * b.length;
  return distance(a, b);
}

function tokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/**
 * Score how close `candidate` is to what the user typed: 0 is identical, larger is further, `undefined`
 * means "not worth suggesting". Mixes edit distance on the keys with shared words, so both "SPE_E33"
 * and "365 E3" find "Microsoft 365 E3".
 */
export function similarity(query: string, candidate: string): number | undefined {
  const q = nameKey(query);
  const c = nameKey(candidate);
  if (q.length === 0 || c.length === 0) return undefined;
  const allowed = Math.max(2, Math.floor(q.length * 0.34));
  // The distance is at least the difference in length: skip the table when that alone is too far.
  const distance = Math.abs(q.length - c.length) > allowed ? Number.POSITIVE_INFINITY : editDistance(q, c);
  if (distance <= allowed) return distance / Math.max(q.length, 1);
  const queryTokens = tokens(query);
  const candidateTokens = new Set(tokens(candidate));
  if (queryTokens.length === 0) return undefined;
  const shared = queryTokens.filter((t) => candidateTokens.has(t)).length;
  if (shared === queryTokens.length) return 1 + (candidateTokens.size - shared) / 10;
  if (shared > 0 && shared / queryTokens.length >= 0.5) return 2 + (queryTokens.length - shared);
  if (c.includes(q) && q.length >= 3) return 3;
  return undefined;
}

/** The best `limit` candidates for "did you mean", closest first; each candidate is [label, ...names to compare]. */
export function suggest(
  query: string,
  candidates: Iterable<{ label: string; names: readonly string[] }>,
  limit = 5,
) {
  const scored: { label: string; score: number }[] = [];
  for (const candidate of candidates) {
    let best: number | undefined;
    for (const name of candidate.names) {
      const score = similarity(query, name);
      if (score !== undefined && (best === undefined || score < best)) best = score;
    }
    if (best !== undefined) scored.push({ label: candidate.label, score: best });
  }
  scored.sort((x, y) => x.score - y.score || x.label.localeCompare(y.label));
  const labels: string[] = [];
  for (const { label } of scored) {
    if (!labels.includes(label)) labels.push(label);
    if (labels.length >= limit) break;
  }
  return labels;
}

/**
 * A sentence naming the characters outside printable ASCII in a name that matched nothing (empty when there are
 * none): a Cyrillic "а" looks like a Latin "a" but never matches it.
 */
export function lookAlikeHint(ref: string): string {
  const odd = [...new Set([...ref].filter((ch) => (ch.codePointAt(0) ?? 0) > 0x7e))];
  if (odd.length === 0) return '';
  const codes = odd.slice(0, 5).map((ch) => `"${ch}" ${codePointName(ch)}`);
  return ` It contains characters outside ASCII (${codes.join(', ')}): is one a look-alike of a Latin letter?`;
}

/** `U+0430`: how a character is named in messages (look-alike letters, zero-width spaces, full-width digits). */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
