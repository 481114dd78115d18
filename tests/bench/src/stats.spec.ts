import { percentile, ratio, summarize } from './stats';

describe('percentile', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i);

  it('takes the nearest rank of the sorted samples', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses no samples and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow('percentile of no samples');
    expect(() => percentile([1], 0)).toThrow('percentile must be in (0, 100]');
    expect(() => percentile([1], 101)).toThrow('percentile must be in (0, 100]');
  });
});

describe('summarize', () => {
  it('gives count, min, mean, p50, p95, p99 and max, rounded', () => {
    expect(summarize([4, 1, 3, 2], 2)).toEqual({ count: 4, min: 1, mean: 2.5, p50: 2, p95: 4, p99: 4, max: 4 });
    expect(summarize([1 / 3], 3).p50).toBe(0.333);
  });
});

describe('ratio', () => {
  it('is null when the denominator is not positive', () => {
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(10, 0)).toBeNull();
  });
});
