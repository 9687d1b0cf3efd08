/** The exit codes of every command (documented in the README and in `--help`). */
export const EXIT = {
  /** Success; for `plan --detailed-exitcode`: no changes. */
  ok: 0,
  /** An error: bad arguments, a bad file, sign-in failed, Graph refused, a guard (`--max-removals`) stopped the run. */
  error: 1,
  /** `plan --detailed-exitcode` only: the plan has changes. */
  changes: 2,
  /** `wait` and `apply --wait`: group processing finished with members in error, or did not finish in time. */
  membersInError: 3,
  /** Ctrl-C: the writes in flight finished, no other was sent. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  success (plan --detailed-exitcode: no changes)
  1  error: bad arguments or file, sign-in failed, Graph refused, a guard such as --max-removals stopped the run
  2  plan --detailed-exitcode: the plan has changes
  3  wait, apply --wait: members in error after group processing, or processing did not finish in time
  130  interrupted (Ctrl-C): the writes already sent finished, no other was sent`;
