/** Reads targets' licenses straight from the emulator with plain fetch, independent of the code being measured. */

export interface AssignedLicenseJson {
  skuId: string;
  disabledPlans?: string[];
}

/**
 * Retries what a faulty emulator may answer (throttling, injected 409/5xx, resets), waiting each Retry-After, so
 * the suite's own requests are reliable; answers the first other response.
 */
export async function fetchWithRetry(
  url: string,
  token: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
): Promise<Response> {
  let last = '';
  for (let attempt = 0; attempt < 30; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${token}` },
      });
    } catch (error) {
      last = String(error);
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    if ([409, 429, 500, 502, 503, 504].includes(response.status)) {
      const wait = Number(response.headers.get('retry-after') ?? '0.05');
      last = `HTTP ${response.status}`;
      await response.body?.cancel();
      await new Promise((r) => setTimeout(r, Math.min(Number.isFinite(wait) ? wait : 0.05, 10) * 1000));
      continue;
    }
    return response;
  }
  throw new Error(`${init.method ?? 'GET'} ${url}: still failing after 30 tries (${last})`);
}

async function getWithRetry(url: string, token: string): Promise<Record<string, unknown>> {
  const response = await fetchWithRetry(url, token);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Every group's or user's `assignedLicenses`, following `@odata.nextLink`. */
export async function readAssignedLicenses(
  graphBaseUrl: string,
  token: string,
  kind: 'groups' | 'users',
): Promise<Map<string, AssignedLicenseJson[]>> {
  const out = new Map<string, AssignedLicenseJson[]>();
  let next: string | undefined = `${graphBaseUrl}/${kind}?$select=id,assignedLicenses&$top=999`;
  while (next) {
    const page = await getWithRetry(next, token);
    for (const item of (page.value as { id: string; assignedLicenses?: AssignedLicenseJson[] }[]) ?? []) {
      out.set(item.id.toLowerCase(), item.assignedLicenses ?? []);
    }
    next = page['@odata.nextLink'] as string | undefined;
  }
  return out;
}

/** Whether `licenses` hold `skuId` with exactly `disabledPlans` (as sets, case-insensitive). */
export function holds(
  licenses: readonly AssignedLicenseJson[],
  skuId: string,
  disabledPlans: readonly string[],
): boolean {
  const license = licenses.find((l) => l.skuId.toLowerCase() === skuId.toLowerCase());
  if (!license) return false;
  const have = new Set((license.disabledPlans ?? []).map((p) => p.toLowerCase()));
  return have.size === disabledPlans.length && disabledPlans.every((p) => have.has(p.toLowerCase()));
}

/** Targets that do not hold the desired license at the end. */
export async function targetsNotInDesiredState(
  graphBaseUrl: string,
  token: string,
  kind: 'groups' | 'users',
  targets: readonly string[],
  skuId: string,
  disabledPlans: readonly string[],
): Promise<string[]> {
  const state = await readAssignedLicenses(graphBaseUrl, token, kind);
  return targets.filter((t) => !holds(state.get(t.toLowerCase()) ?? [], skuId, disabledPlans));
}
