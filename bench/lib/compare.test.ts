import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atLeastRatio, atMost } from './compare.js';

test('atLeastRatio: the ratio is ours / reference and the target is met at or above it', () => {
  assert.deepEqual(atLeastRatio('hub vs ceiling', 7000, 10_000, 0.7), { name: 'hub vs ceiling', ours: 7000, reference: 10_000, ratio: 0.7, target: 'ratio >= 0.7', met: true });
  assert.equal(atLeastRatio('x', 6999, 10_000, 0.7).met, false);
  const twice = atLeastRatio('hub vs etcd', 5000, 2000, 2);
  assert.equal(twice.ratio, 2.5);
  assert.equal(twice.met, true);
});

test('atLeastRatio: a missing or zero reference gives no ratio and is not met', () => {
  assert.deepEqual(atLeastRatio('x', 100, 0, 1), { name: 'x', ours: 100, reference: 0, ratio: null, target: 'ratio >= 1', met: false });
  const missing = atLeastRatio('x', Number.NaN, 100, 1);
  assert.equal(missing.ours, null);
  assert.equal(missing.ratio, null);
  assert.equal(missing.met, false);
});

test('atMost: met at or below the limit; the ratio says how much of it is used', () => {
  assert.deepEqual(atMost('LIST p99', 80, 100, 'ms'), { name: 'LIST p99', ours: 80, reference: 100, ratio: 0.8, target: '<= 100 ms', met: true });
  assert.equal(atMost('LIST p99', 100, 100, 'ms').met, true);
  assert.equal(atMost('LIST p99', 100.5, 100, 'ms').met, false);
});

test('atMost with a zero limit (missed events): 0 meets it, anything else does not', () => {
  assert.deepEqual(atMost('missed', 0, 0, 'events'), { name: 'missed', ours: 0, reference: 0, ratio: null, target: '<= 0 events', met: true });
  assert.equal(atMost('missed', 1, 0, 'events').met, false);
  assert.equal(atMost('unmeasured', Number.NaN, 5, 's').met, false);
});
