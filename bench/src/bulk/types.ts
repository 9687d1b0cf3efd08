/** What a bulk runner is given: where the emulator is, a token, and the targets with their desired license. */
export interface BulkJob {
  graphBaseUrl: string;
  /** For runners that fetch their own token (ours); the SDKs are handed `token`. */
  tenantId: string;
  loginBaseUrl: string;
  clientId: string;
  clientSecret: string;
  token: string;
  targets: string[];
  skuId: string;
  disabledPlans: string[];
}

export interface RunnerOutcome {
  /** Targets the runner reported as failed (an error thrown or a failed result). */
  failures: number;
  /** A few failure messages, for the report. */
  failureSamples: string[];
}

export interface BulkRunner {
  id: string;
  label: string;
  /** `groups` (POST /groups/{id}/assignLicense) or `users` (POST /users/{id}/assignLicense). */
  targetKind: 'groups' | 'users';
  run(job: BulkJob): Promise<RunnerOutcome>;
}

export function collectFailures(settled: readonly PromiseSettledResult<unknown>[]): RunnerOutcome {
  const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  return {
    failures: rejected.length,
    failureSamples: [...new Set(rejected.map((r) => describeError(r.reason)))].slice(0, 3),
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { statusCode?: number; responseStatusCode?: number }).statusCode;
    const code = (error as { code?: string }).code;
    return [status ?? (error as { responseStatusCode?: number }).responseStatusCode, code, error.message]
      .filter((x) => x !== undefined && x !== '')
      .join(' ')
      .slice(0, 200);
  }
  return String(error).slice(0, 200);
}
