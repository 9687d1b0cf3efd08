import type { RequestOption } from '@microsoft/kiota-abstractions';
import type { Middleware } from '@microsoft/kiota-http-fetchlibrary';

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\b/i;

/**
 * Makes responses safe for Kiota's adapter: an empty success body (e.g. a bare 202) becomes a null
 * body, which Kiota returns as undefined instead of failing on the missing content type; an error
 * response without a JSON body (a proxy's HTML 502, an empty 503) gets a synthesized Graph error
 * envelope so that it still surfaces as an ODataError with its status and headers.
 */
export class ResponseBodyMiddleware implements Middleware {
  next: Middleware | undefined;

  async execute(url: string, init: RequestInit, options?: Record<string, RequestOption>): Promise<Response> {
    if (!this.next) throw new Error('ResponseBodyMiddleware must not be the last middleware');
    const response = await this.next.execute(url, init, options);
    const contentType = response.headers.get('content-type') ?? '';
    if (JSON_TYPE.test(contentType) && response.headers.get('content-length') !== '0') return response;
    if (response.status < 400) {
      if (response.status === 204 || response.status === 304 || !response.body) return response;
      const buffer = await response.arrayBuffer();
      if (buffer.byteLength > 0) return rebuild(response, buffer, response.headers);
      return rebuild(response, null, response.headers);
    }
    await response.body?.cancel();
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    const envelope = {
      error: {
        code: `HTTP${response.status}`,
        message: `Microsoft Graph answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} without a JSON error body${contentType ? ` (${contentType.split(';')[0]})` : ''}`,
      },
    };
    return rebuild(response, JSON.stringify(envelope), headers);
  }
}

function rebuild(response: Response, body: string | ArrayBuffer | null, headers: Headers): Response {
  const rebuilt = new Response(body, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(rebuilt, 'url', { value: response.url });
  return rebuilt;
}
