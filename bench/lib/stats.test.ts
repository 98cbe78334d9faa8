import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mean, percentile, percentileOfSorted, rate, round, summarize } from './stats.js';

const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

test('nearest rank: the value at rank ceil(p/100 × n), never an interpolation', () => {
  const cases: [number, number][] = [
    [0, 10], // rank max(1, 0) = 1
    [10, 10],
    [11, 20],
    [50, 50],
    [51, 60],
    [90, 90],
    [99, 100],
    [100, 100],
  ];
  for (const [p, expected] of cases) assert.equal(percentileOfSorted(ten, p), expected, `p${p}`);
});

test('p99 of 1000 values 1..1000 is 990 and p99.9 is 999', () => {
  const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
  assert.equal(percentile(values, 99), 990);
  assert.equal(percentile(values, 99.9), 999);
});

test('a single value is every percentile; no values give NaN', () => {
  assert.equal(percentile([7], 1), 7);
  assert.equal(percentile([7], 99.9), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('percentile rejects p outside 0..100', () => {
  assert.throws(() => percentile([1], 101), RangeError);
  assert.throws(() => percentile([1], -1), RangeError);
  assert.throws(() => percentile([1], Number.NaN), RangeError);
});

test('percentile does not reorder its input', () => {
  const values = [3, 1, 2];
  percentile(values, 50);
  assert.deepEqual(values, [3, 1, 2]);
});

test('summarize sorts numerically, not as strings', () => {
  const s = summarize([100, 9, 20, 3]);
  assert.deepEqual(s, { count: 4, min: 3, mean: 33, p50: 9, p90: 100, p99: 100, p999: 100, max: 100 });
});

test('mean and rate', () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  assert.ok(Number.isNaN(mean([])));
  assert.equal(rate(20_000, 4), 5000);
  assert.ok(Number.isNaN(rate(10, 0)));
});

test('round keeps a few decimals', () => {
  assert.equal(round(1.23456), 1.23);
  assert.equal(round(1.23456, 3), 1.235);
  assert.equal(round(42), 42);
  assert.ok(Number.isNaN(round(Number.NaN)));
});
