import { nearestRank, percentile } from '../../src/domain/percentile';

describe('nearest-rank percentiles', () => {
  it('takes the value at position ceil(k*n/100) of the sorted list', () => {
    const values = [15, 20, 35, 40, 50];
    expect(nearestRank(values, 30)).toBe(20); // ceil(1.5) = 2
    expect(nearestRank(values, 40)).toBe(20); // ceil(2.0) = 2
    expect(nearestRank(values, 50)).toBe(35); // ceil(2.5) = 3
    expect(nearestRank(values, 100)).toBe(50);
    expect(nearestRank(values, 1)).toBe(15);
  });

  it('sorts its input and reports the sample size', () => {
    const result = percentile([9, 1, 5, 3, 7], 50);
    expect(result).toEqual({ k: 50, n: 5, value: 5, minSamples: 5 });
  });

  it('withholds P50 below 5 samples, P85 below 10 and P95 below 20', () => {
    expect(percentile([1, 2, 3, 4], 50).value).toBeNull();
    expect(
      percentile(
        Array.from({ length: 9 }, (_, i) => i),
        85,
      ).value,
    ).toBeNull();
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        85,
      ).value,
    ).toBe(9); // ceil(8.5) = 9th
    expect(
      percentile(
        Array.from({ length: 19 }, (_, i) => i),
        95,
      ).value,
    ).toBeNull();
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        95,
      ).value,
    ).toBe(19);
  });

  it('has no value for an empty list', () => {
    expect(nearestRank([], 50)).toBeUndefined();
    expect(percentile([], 50)).toEqual({ k: 50, n: 0, value: null, minSamples: 5 });
  });
});
