import { EXIT, type ExitCode } from './exit-codes.js';
import type { Colors } from './output.js';
import { safeText } from './safe-text.js';

/** One thing wrong, located in the file when it comes from the file. */
export interface Problem {
  code: string;
  message: string;
  /** The path in the file, e.g. `groups[0].licenses[1].sku`, or the option / variable at fault. */
  field?: string;
  value?: unknown;
  suggestions?: readonly string[];
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

/** The one error a command ends with: every problem it found, and the exit code. */
export class CliError extends Error {
  readonly problems: Problem[];
  readonly exitCode: ExitCode;

  constructor(problems: Problem[] | Problem, exitCode: ExitCode = EXIT.error) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.message).join('\n'));
    this.name = 'CliError';
    this.problems = list;
    this.exitCode = exitCode;
  }
}

export function shown(value: unknown): string {
  const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `licenses.yaml:4:14: groups[0].licenses[0].sku "Microsoft 365 E33": …` and a did-you-mean line. */
export function formatProblem(problem: Problem, colors: Colors): string {
  const where =
    problem.file === undefined
      ? ''
      : `${problem.file}${problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`}: `;
  const field =
    problem.field === undefined
      ? ''
      : `${colors.bold(problem.field)}${problem.value === undefined ? '' : ` ${shown(problem.value)}`}: `;
  let text = `${colors.red('error')}: ${where}${field}${safeText(problem.message)}`;
  const suggestions = problem.suggestions ?? [];
  if (suggestions.length > 0 && !/did you mean/i.test(problem.message)) {
    text += `\n  did you mean: ${suggestions.slice(0, 5).map(safeText).join(', ')}?`;
  }
  return text;
}

/** The same for `--json`. */
export function problemJson(problem: Problem): Problem {
  return {
    code: problem.code,
    message: problem.message,
    ...(problem.field === undefined ? {} : { field: problem.field }),
    ...(problem.value === undefined ? {} : { value: problem.value }),
    ...(problem.suggestions && problem.suggestions.length > 0 ? { suggestions: problem.suggestions } : {}),
    ...(problem.file === undefined ? {} : { file: problem.file }),
    ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column ?? 1 }),
  };
}

/** Problems sorted by line, then column. */
export function inFileOrder(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
