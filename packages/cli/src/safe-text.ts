/**
 * Text from the tenant (display names, user principal names, Graph's messages) as it may be shown on a terminal:
 * control characters and bidirectional overrides are escaped (`\e`, `\u202e`), so that a group named
 * `Ops\e[2K\e[31m` cannot rewrite what the admin reads before typing `yes`. Our own colours are added after.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\u001b': '\\e', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function safeText(text: string): string {
  return text.replace(
    UNSAFE,
    (ch) => NAMED[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
