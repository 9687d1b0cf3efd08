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
  /** Whatever the runner reports about itself (our bulk path: its own request counts). */
  stats?: unknown;
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
  if (!(error instanceof Error)) {
    const odata = error as {
      responseStatusCode?: unknown;
      errorEscaped?: { code?: unknown; message?: unknown };
    };
    if (typeof odata?.responseStatusCode === 'number') {
      return `${odata.responseStatusCode} ${String(odata.errorEscaped?.code ?? '')} ${String(odata.errorEscaped?.message ?? '')}`.trim();
    }
    return safeJson(error).slice(0, 200);
  }
  const e = error as Error & { statusCode?: unknown; responseStatusCode?: unknown; code?: unknown };
  const status = e.statusCode ?? e.responseStatusCode;
  const parts = [
    typeof status === 'number' ? String(status) : '',
    typeof e.code === 'string' ? e.code : '',
    typeof e.message === 'string' ? e.message : '',
  ];
  return parts.filter(Boolean).join(' ').slice(0, 200) || error.name;
}

/** Kiota's API errors can be objects without a prototype, which `String()` cannot print. */
function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    return text ?? typeof value;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
