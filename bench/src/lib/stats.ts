/** A figure measured over several runs: its median with the range it moved in. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
  samples: number[];
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    median,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    runs: sorted.length,
    samples: [...samples],
  };
}

function round(value: number, digits: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** `12.3 (11.9–13.0)`: the median and, when runs differ, the min–max range. */
export function formatSummary(s: Summary, digits = 1, unit = ''): string {
  const median = `${round(s.median, digits)}${unit}`;
  if (s.runs === 1 || s.min === s.max) return median;
  return `${median} (${round(s.min, digits)}–${round(s.max, digits)})`;
}

export function formatNumber(value: number, digits = 1, unit = ''): string {
  return `${round(value, digits)}${unit}`;
}

/** A ratio `other ÷ ours` printed as `12.4×`. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${round(value, value >= 10 ? 0 : 1)}×`;
}
