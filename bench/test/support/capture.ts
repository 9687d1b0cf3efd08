/** Captures what code writes to the console and to stdout/stderr while `fn` runs (and lets it through). */
export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ value: T; output: string }> {
  const chunks: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  const outWrite = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      chunks.push(args.map((a) => (typeof a === 'string' ? a : safeStringify(a))).join(' '));
    };
  }
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(String(chunk));
    return outWrite(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(String(chunk));
    return errWrite(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    const value = await fn();
    return { value, output: chunks.join('\n') };
  } finally {
    methods.forEach((m, i) => {
      console[m] = originals[i]!;
    });
    process.stdout.write = outWrite;
    process.stderr.write = errWrite;
  }
}

/** JSON of anything (errors with their message and stack, cycles cut), for searching it as text. */
export function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (v instanceof Error) {
          return {
            name: v.name,
            message: v.message,
            stack: v.stack,
            ...Object.fromEntries(Object.entries(v)),
          };
        }
        if (typeof v === 'bigint') return String(v);
        if (v && typeof v === 'object') {
          if (seen.has(v)) return '[cycle]';
          seen.add(v);
        }
        return v;
      }) ?? String(value)
    );
  } catch {
    return Object.prototype.toString.call(value);
  }
}
