/** Minimum sample sizes before a percentile is shown (METRICS-SPEC: P50 n>=5, P85 n>=10, P95 n>=20). */
export const MIN_SAMPLES: Record<50 | 85 | 95, number> = { 50: 5, 85: 10, 95: 20 };

/** Nearest-rank percentile: the value at position ceil(k*n/100) of the ascending list (1-based). */
export function nearestRank(ascending: ArrayLike<number>, k: number): number | undefined {
  if (ascending.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((k * ascending.length) / 100));
  return ascending[rank - 1];
}

export interface PercentileResult {
  k: number;
  n: number;
  /** Null when n is below the minimum sample size for k. */
  value: number | null;
  minSamples: number;
}

/** A percentile of a list already in ascending order, with the sample-size rule applied. */
export function percentileOfSorted(ascending: ArrayLike<number>, k: 50 | 85 | 95): PercentileResult {
  const minSamples = MIN_SAMPLES[k];
  const value = ascending.length >= minSamples ? (nearestRank(ascending, k) ?? null) : null;
  return { k, n: ascending.length, value, minSamples };
}

export function percentile(values: readonly number[], k: 50 | 85 | 95): PercentileResult {
  return percentileOfSorted(Float64Array.from(values).sort(), k);
}
