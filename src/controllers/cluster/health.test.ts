import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HealthHistory } from './health.js';

test('Ready flips only after the threshold of consecutive results', () => {
  const history = new HealthHistory(3);
  assert.equal(history.observe('a', 'Ready'), 'Ready', 'the first result is reported at once');
  assert.equal(history.observe('a', 'Unreachable'), 'Ready');
  assert.equal(history.observe('a', 'Unreachable'), 'Ready');
  assert.equal(history.observe('a', 'Ready'), 'Ready', 'a good result resets the streak');
  assert.equal(history.observe('a', 'Unreachable'), 'Ready');
  assert.equal(history.observe('a', 'Unreachable'), 'Ready');
  assert.equal(history.observe('a', 'Unreachable'), 'Unreachable');
  assert.equal(history.observe('a', 'NotReady'), 'NotReady', 'between unhealthy states the detail changes at once');
  assert.equal(history.observe('a', 'Ready'), 'NotReady');
  assert.equal(history.observe('a', 'Ready'), 'NotReady');
  assert.equal(history.observe('a', 'Ready'), 'Ready');
});
