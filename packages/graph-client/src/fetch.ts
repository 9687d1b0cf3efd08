/** The fetch signature the client needs (global fetch, undici's, or an adapter such as n8n's). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
