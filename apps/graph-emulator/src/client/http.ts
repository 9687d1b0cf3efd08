import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  text: string;
}

export interface HttpCall {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM to trust for an HTTPS emulator (its self-signed certificate). */
  ca?: string;
}

/** One HTTP exchange with the emulator (node:http/https, so that a per-call CA can be trusted). */
export function call(url: string, init: HttpCall = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: init.method ?? 'GET',
        headers: {
          ...init.headers,
          ...(init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) }),
        },
        ...(init.ca === undefined ? {} : { ca: init.ca }),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Parses a JSON answer; throws naming the call and the status when it is not a 2xx. */
export async function callJson<T>(what: string, url: string, init: HttpCall = {}): Promise<T> {
  const answer = await call(url, init);
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${what}: HTTP ${answer.status} ${answer.text}`);
  return (answer.text ? JSON.parse(answer.text) : undefined) as T;
}
