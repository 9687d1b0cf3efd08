import { createInterface } from 'node:readline/promises';
import { CliError } from './problems.js';

/** Asks on the terminal, as terraform does: only `yes` goes ahead. Without a terminal it refuses. */
export async function confirmApply(
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
  stderr: NodeJS.WritableStream,
): Promise<boolean> {
  if (stdin.isTTY !== true) {
    throw new CliError({
      code: 'CONFIRMATION_NEEDED',
      field: '--auto-approve',
      message:
        'apply asks for confirmation on a terminal; there is none (CI, a pipe). Review the plan above and run again with --auto-approve.',
    });
  }
  const rl = createInterface({ input: stdin, output: stderr });
  try {
    const answer = await rl.question("\nDo you want to apply these changes? Only 'yes' will be accepted: ");
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
