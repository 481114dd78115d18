export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile (the smallest sample with at least p% of the samples at or below it). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sortedAt(sorted, Math.ceil((p / 100) * sorted.length) - 1);
}

export function summarize(samples: readonly number[], decimals = 3): Summary {
  if (samples.length === 0) throw new Error('summary of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number => sortedAt(sorted, Math.ceil((p / 100) * sorted.length) - 1);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    min: round(sortedAt(sorted, 0), decimals),
    mean: round(total / sorted.length, decimals),
    p50: round(rank(50), decimals),
    p95: round(rank(95), decimals),
    p99: round(rank(99), decimals),
    max: round(sortedAt(sorted, sorted.length - 1), decimals),
  };
}

export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** `numerator / denominator`, or null when the denominator is not a positive number. */
export function ratio(numerator: number, denominator: number, decimals = 2): number | null {
  return denominator > 0 ? round(numerator / denominator, decimals) : null;
}

function sortedAt(sorted: readonly number[], index: number): number {
  const value = sorted[Math.min(Math.max(index, 0), sorted.length - 1)];
  if (value === undefined) throw new Error(`no sample at index ${index}`);
  return value;
}
