import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ISTIO_DURATION_BUCKETS_MS, latencyCdf, latencyFromMean, latencyFromQuantiles, latencyQuantile } from './latency.js';
import { normalCdf, normalQuantile } from './normal.js';

test('standard normal CDF and quantile match published values', () => {
  const cases: [number, number][] = [
    [0, 0.5],
    [1, 0.841344746],
    [-1, 0.158655254],
    [1.281551566, 0.9],
    [1.644853627, 0.95],
    [2.326347874, 0.99],
    [3.090232306, 0.999],
    [-2.326347874, 0.01],
  ];
  for (const [z, p] of cases) {
    assert.ok(Math.abs(normalCdf(z) - p) < 2e-7, `Φ(${z})`);
    assert.ok(Math.abs(normalQuantile(p) - z) < 1e-6, `Φ⁻¹(${p}) = ${normalQuantile(p)}`);
  }
  assert.throws(() => normalQuantile(0), RangeError);
  assert.throws(() => normalQuantile(1), RangeError);
});

test('a mean gives a log-normal with that mean', () => {
  for (const mean of [1, 50, 120, 2000]) {
    const m = latencyFromMean(mean);
    assert.ok(Math.abs(m.meanMs - mean) / mean < 1e-6, `mean ${mean}: ${m.meanMs}`);
    assert.ok(Math.abs(latencyQuantile(m, 0.5) - mean * Math.exp(-0.125)) < 1e-6 * mean);
  }
});

test('two quantiles define one log-normal; its mean is exp(μ + σ²/2)', () => {
  const m = latencyFromQuantiles([
    { quantile: 0.5, ms: 80 },
    { quantile: 0.99, ms: 400 },
  ]);
  const sigma = Math.log(5) / normalQuantile(0.99);
  assert.ok(Math.abs(m.meanMs / (80 * Math.exp((sigma * sigma) / 2)) - 1) < 1e-6);
  // Beyond the configured range the same log-normal continues.
  assert.ok(Math.abs(latencyQuantile(m, 0.999) / (80 * Math.exp(sigma * normalQuantile(0.999))) - 1) < 1e-6);
  assert.ok(Math.abs(latencyQuantile(m, 0.1) / (80 * Math.exp(sigma * normalQuantile(0.1))) - 1) < 1e-6);
});

test('several quantiles: piecewise model is monotone, CDF inverts the quantile function, mean is the integral', () => {
  const m = latencyFromQuantiles([
    { quantile: 0.5, ms: 80 },
    { quantile: 0.9, ms: 150 },
    { quantile: 0.99, ms: 400 },
  ]);
  let previous = 0;
  for (const q of [0.001, 0.01, 0.2, 0.5, 0.7, 0.9, 0.95, 0.99, 0.999]) {
    const ms = latencyQuantile(m, q);
    assert.ok(ms > previous, `quantile ${q} increases`);
    previous = ms;
    assert.ok(Math.abs(latencyCdf(m, ms) - q) < 1e-6, `F(Q(${q}))`);
  }
  // Midpoint-rule integral of Q(p) over (0, 1).
  const steps = 200000;
  let integral = 0;
  for (let i = 0; i < steps; i++) integral += latencyQuantile(m, (i + 0.5) / steps);
  integral /= steps;
  assert.ok(Math.abs(integral - m.meanMs) / m.meanMs < 2e-3, `${integral} vs ${m.meanMs}`);
});

test('bucket fractions are the CDF at each Istio bucket bound, non-decreasing up to 1', () => {
  const m = latencyFromQuantiles([
    { quantile: 0.5, ms: 80 },
    { quantile: 0.99, ms: 400 },
  ]);
  assert.equal(m.bucketFractions.length, ISTIO_DURATION_BUCKETS_MS.length);
  ISTIO_DURATION_BUCKETS_MS.forEach((le, i) => assert.equal(m.bucketFractions[i], latencyCdf(m, le)));
  for (let i = 1; i < m.bucketFractions.length; i++) assert.ok(m.bucketFractions[i]! >= m.bucketFractions[i - 1]!);
  assert.ok(m.bucketFractions[m.bucketFractions.length - 1]! <= 1);
  assert.ok(Math.abs(m.bucketFractions[ISTIO_DURATION_BUCKETS_MS.indexOf(100)]! - normalCdf(Math.log(100 / 80) / (Math.log(5) / normalQuantile(0.99)))) < 1e-6);
});

test('invalid model inputs are rejected by the builders', () => {
  assert.throws(() => latencyFromMean(0), RangeError);
  assert.throws(() => latencyFromQuantiles([]), RangeError);
  assert.throws(() => latencyFromQuantiles([{ quantile: 0.5, ms: 10 }, { quantile: 0.9, ms: 5 }]), RangeError);
});
