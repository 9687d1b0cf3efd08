/** Names the characters outside ASCII: a Cyrillic "а" looks like a Latin "a" but never matches it. */
export function lookAlikeHint(ref: string): string {
  const odd = [...new Set([...ref].filter((ch) => ch.charCodeAt(0) > 0x7e))];
  if (odd.length === 0) return '';
  const codes = odd
    .slice(0, 5)
    .map((ch) => `"${ch}" U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  return ` It contains characters outside ASCII (${codes.join(', ')}): is one a look-alike of a Latin letter?`;
}
