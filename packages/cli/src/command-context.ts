import type { Output } from './output.js';
import type { RunControl } from './run-control.js';
import { type Connection, type ConnectionOptions, connect } from './sign-in.js';

/** What every command gets: where to print, the environment, the terminal's input. */
export interface CommandContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The run's deadline, Ctrl-C and request log. */
  run: RunControl;
}

/** Options every command takes. */
export interface CommonOptions extends ConnectionOptions {
  json?: boolean;
  color?: boolean;
  timeout?: number;
  verbose?: boolean;
  debug?: boolean;
}

/** Signs in, runs `fn`, and always closes the connection (stops the embedded emulator). */
export async function withConnection<T>(
  options: CommonOptions,
  context: CommandContext,
  fn: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await connect(options, context.env, context.output, context.run);
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}
