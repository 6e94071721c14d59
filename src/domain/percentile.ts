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
 * Nearest-rank P50, P85 and P95 of `values`, which may be reordered. The three order statistics are
 * selected rather than the whole sample sorted (see valuesAtRanks): the very values a sort would put at
 * those ranks, in linear time.
 */
export function percentilesOf(values: Float64Array): Percentiles {
  const n = values.length;
  const ks = ([50, 85, 95] as const).filter((k) => n >= MIN_SAMPLES[k]);
  const found = valuesAtRanks(
    values,
    ks.map((k) => rankIndex(k, n)),
  );
  const result = (k: 50 | 85 | 95): PercentileResult => {
    const at = ks.indexOf(k);
    return { k, n, value: at < 0 ? null : found[at]!, minSamples: MIN_SAMPLES[k] };
  };
  return { n, p50: result(50), p85: result(85), p95: result(95) };
}

/** One nearest-rank percentile of `values` (which may be reordered), selected as percentilesOf does. */
export function percentileOf(values: Float64Array, k: 50 | 85 | 95): PercentileResult {
  const n = values.length;
  const minSamples = MIN_SAMPLES[k];
  if (n < minSamples) return { k, n, value: null, minSamples };
  return { k, n, value: valuesAtRanks(values, [rankIndex(k, n)])[0]!, minSamples };
}

/** The 0-based position of the nearest rank ceil(k*n/100). */
const rankIndex = (k: number, n: number) => Math.max(1, Math.ceil((k * n) / 100)) - 1;

/** Below this many values, selection works on the values directly. */
const BUCKETED_FROM = 4096;

/**
 * The values a numeric sort would put at these positions (ascending), without sorting. A large sample
 * is first counted into buckets of equal width between its least and greatest value: a value's bucket
 * rises with the value, so the bucket holding each wanted position is known, and only that bucket's
 * values are selected among (three passes over the sample, not a sort). A sample holding NaN or -0,
 * which a numeric sort orders apart from comparisons, is sorted instead.
 */
function valuesAtRanks(values: Float64Array, indexes: readonly number[]): number[] {
  if (indexes.length === 0) return [];
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) {
      values.sort();
      return indexes.map((index) => values[index]!);
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const buckets = Math.min(1 << 15, n >> 4);
  const scale = (buckets - 1) / (max - min);
  if (n < BUCKETED_FROM || !(max > min) || !Number.isFinite(scale)) return selected(values, indexes);
  // A value's bucket is ((v - min) * scale) | 0: at most (buckets - 1) * (1 + 2^-52), so below buckets,
  // and never smaller for a larger value.
  const counts = new Int32Array(buckets);
  for (let i = 0; i < n; i++) counts[((values[i]! - min) * scale) | 0]! += 1;
  // Each wanted position's bucket, and its position among that bucket's values.
  const m = indexes.length;
  const bucketAt = new Int32Array(m);
  const positionAt = new Int32Array(m);
  let bucket = 0;
  let before = 0;
  for (let w = 0; w < m; w++) {
    while (before + counts[bucket]! <= indexes[w]!) before += counts[bucket++]!;
    bucketAt[w] = bucket;
    positionAt[w] = indexes[w]! - before;
  }
  // The wanted buckets' values, gathered in one pass: slot[b] names bucket b's list, -1 for the others.
  const slot = new Int8Array(buckets).fill(-1);
  const lists: Float64Array[] = [];
  for (let w = 0; w < m; w++) {
    const b = bucketAt[w]!;
    if (slot[b] === -1) {
      slot[b] = lists.length;
      lists.push(new Float64Array(counts[b]!));
    }
  }
  const filled = new Int32Array(lists.length);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const s = slot[((v - min) * scale) | 0]!;
    if (s >= 0) lists[s]![filled[s]!++] = v;
  }
  const found: number[] = [];
  for (let w = 0; w < m; w++) {
    const list = lists[slot[bucketAt[w]!]!]!;
    select(list, positionAt[w]!, 0, list.length - 1);
    found.push(list[positionAt[w]!]!);
  }
  return found;
}

/** The values at these positions (ascending) of `values` sorted, by selection in place. */
function selected(values: Float64Array, indexes: readonly number[]): number[] {
  // Each selection leaves everything after its position no smaller, so the next one starts there.
  let from = 0;
  for (const index of indexes) {
    if (index >= from) select(values, index, from, values.length - 1);
    from = index + 1;
  }
  return indexes.map((index) => values[index]!);
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
