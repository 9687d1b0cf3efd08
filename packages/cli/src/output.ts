import { createColors } from 'picocolors';

export type Colors = ReturnType<typeof createColors>;

/** Colours only on a terminal, never with `NO_COLOR` (any value), `TERM=dumb` or `--no-color`. */
export function colorsWanted(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  flag: boolean | undefined,
): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}

export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Everything the CLI prints goes through here: the known secrets (client secret, certificate passphrase and key) and,
 * once signed in, anything shaped like a bearer token or JWT are replaced before a byte reaches stdout or stderr.
 */
export class Output {
  readonly color: Colors;
  readonly errColor: Colors;
  private readonly secrets = new Set<string>();
  /** graph-client's bearer/JWT redaction, set once graph-client is loaded (kept out of the start-up path). */
  private tokenRedactor: (text: string) => string = (text) => text;

  constructor(
    readonly streams: OutputStreams,
    readonly env: NodeJS.ProcessEnv,
    colorFlag?: boolean,
  ) {
    this.color = createColors(colorsWanted(streams.stdout, env, colorFlag));
    this.errColor = createColors(colorsWanted(streams.stderr, env, colorFlag));
  }

  /** A value that must never be printed (ignored when too short to be a secret worth matching). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  useTokenRedactor(redactor: (text: string) => string): void {
    this.tokenRedactor = redactor;
  }

  redact(text: string): string {
    let result = this.tokenRedactor(text);
    for (const secret of this.secrets) result = result.split(secret).join('[redacted]');
    return result;
  }

  /** A line (or lines) on stdout. */
  out(text: string): void {
    this.streams.stdout.write(`${this.redact(text)}\n`);
  }

  /** A line (or lines) on stderr: progress, notes, errors. */
  err(text: string): void {
    this.streams.stderr.write(`${this.redact(text)}\n`);
  }

  json(value: unknown): void {
    this.out(JSON.stringify(value, null, 2));
  }

  get stderrIsTTY(): boolean {
    return this.streams.stderr.isTTY === true;
  }
}
