/** What a Graph handler answers; the HTTP layer and `$batch` both turn it into a response. */
export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, a plain-text string (`$count`), or undefined for an empty body. */
  body?: unknown;
  /** `body` already serialized (a cache of a large answer); sent as is by the HTTP layer. */
  rawJson?: string;
}

export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): GraphResponse {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers }, body };
}

export function emptyResponse(status = 204): GraphResponse {
  return { status, headers: {} };
}
