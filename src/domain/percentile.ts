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

/** P50, P85 and P95 of one sample, each with its sample-size rule. */
export interface Percentiles {
  n: number;
  p50: PercentileResult;
  p85: PercentileResult;
  p95: PercentileResult;
}

/**
 * Nearest-rank P50, P85 and P95 of `values`, which are reordered in place. Three order statistics are
 * selected (quickselect) rather than the whole sample sorted: linear time, and the very values a sort
 * would put at those ranks. A sample holding NaN or -0, which a numeric sort orders apart from the
 * comparisons selection makes, is sorted instead.
 */
export function percentilesOf(values: Float64Array): Percentiles {
  const n = values.length;
  const ks = [50, 85, 95] as const;
  const wanted = ks.filter((k) => n >= MIN_SAMPLES[k]);
  if (wanted.length > 0) {
    if (hasNaNOrNegativeZero(values)) values.sort();
    else {
      // Each selection leaves everything after its rank no smaller, so the next one starts there.
      let from = 0;
      for (const k of wanted) {
        const index = Math.max(1, Math.ceil((k * n) / 100)) - 1;
        if (index >= from) select(values, index, from, n - 1);
        from = index + 1;
      }
    }
  }
  const result = (k: 50 | 85 | 95): PercentileResult => {
    const minSamples = MIN_SAMPLES[k];
    const value = n >= minSamples ? values[Math.max(1, Math.ceil((k * n) / 100)) - 1]! : null;
    return { k, n, value, minSamples };
  };
  return { n, p50: result(50), p85: result(85), p95: result(95) };
}

/** One nearest-rank percentile of `values` (reordered in place), selected as percentilesOf does. */
export function percentileOf(values: Float64Array, k: 50 | 85 | 95): PercentileResult {
  const n = values.length;
  const minSamples = MIN_SAMPLES[k];
  if (n < minSamples) return { k, n, value: null, minSamples };
  const index = Math.max(1, Math.ceil((k * n) / 100)) - 1;
  if (hasNaNOrNegativeZero(values)) values.sort();
  else select(values, index, 0, n - 1);
  return { k, n, value: values[index]!, minSamples };
}

function hasNaNOrNegativeZero(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return true;
  }
  return false;
}

/**
 * Puts the k-th smallest of a[lo..hi] at index k, no larger values before it and no smaller after
 * (Hoare's selection, median-of-three pivots). A range that keeps failing to shrink is sorted, so the
 * worst case stays n log n.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  let rounds = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 4;
  while (hi > lo) {
    if (hi - lo < 16 || rounds-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // a[lo..j] <= pivot <= a[i..hi], and whatever lies between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
