// Summary statistics for benchmark samples. Percentiles use the nearest-rank definition: the p-th
// percentile of n sorted values is the value at rank ceil(p/100 × n) (1-based), so it is always one of
// the measured values, never an interpolation between two.

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** Nearest-rank percentile of values already sorted ascending; NaN when there are none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, not ${p}`);
  if (sorted.length === 0) return Number.NaN;
  // toFixed drops floating-point dust: 99.9% of 1000 is rank 999, not ceil(999.0000000000001) = 1000.
  const rank = Math.max(1, Math.ceil(Number(((p / 100) * sorted.length).toFixed(9))));
  return sorted[rank - 1]!;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Events per second; NaN when no time passed. */
export function rate(count: number, seconds: number): number {
  return seconds > 0 ? count / seconds : Number.NaN;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    min: list.length ? list[0]! : Number.NaN,
    mean: mean(list),
    p50: percentileOfSorted(list, 50),
    p90: percentileOfSorted(list, 90),
    p99: percentileOfSorted(list, 99),
    p999: percentileOfSorted(list, 99.9),
    max: list.length ? list[list.length - 1]! : Number.NaN,
  };
}

/** Rounds to a few significant decimals for reporting (keeps integers as they are). */
export function round(value: number, decimals = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
