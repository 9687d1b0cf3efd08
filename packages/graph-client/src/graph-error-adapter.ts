import type { FetchRequestAdapter } from '@microsoft/kiota-http-fetchlibrary';
import { toGraphError } from './errors.js';

const SEND_METHODS = [
  'send',
  'sendCollection',
  'sendCollectionOfPrimitive',
  'sendPrimitive',
  'sendNoResponseContent',
  'sendEnum',
  'sendCollectionOfEnum',
] as const;

/**
 * Makes every request of the adapter reject with a GraphError instead of Kiota's ODataError
 * (a deserialized object, not an Error), DefaultApiError or a raw fetch failure.
 */
export function rejectWithGraphErrors(adapter: FetchRequestAdapter): FetchRequestAdapter {
  for (const name of SEND_METHODS) {
    const original = adapter[name] as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(adapter, name, {
      value: async (...args: unknown[]) => {
        try {
          return await original.apply(adapter, args);
        } catch (err) {
          throw toGraphError(err);
        }
      },
    });
  }
  return adapter;
}
