/** `Retry-After` in seconds, fractional with millisecond precision (Graph sends e.g. `2.128`). */
export function formatRetryAfter(ms: number): string {
  return String(Math.max(1, Math.ceil(ms)) / 1000);
}
