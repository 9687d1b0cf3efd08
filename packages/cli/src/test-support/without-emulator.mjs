// `node --import` this file: @entra-licensing/graph-emulator resolves as if it were not installed (an optional peer
// dependency a CLI install does not bring), the way Node reports a missing package.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === '@entra-licensing/graph-emulator' || specifier.startsWith('@entra-licensing/graph-emulator/')) {
    const error = new Error("Cannot find package '@entra-licensing/graph-emulator' imported from the CLI");
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
