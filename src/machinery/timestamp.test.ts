import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { nowTimestamp } from './timestamp.js';

test('now is RFC 3339 with second precision and follows the clock across seconds', () => {
  mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-11-22T10:00:00.250Z') });
  try {
    assert.equal(nowTimestamp(), '2026-11-22T10:00:00Z');
    mock.timers.tick(700);
    assert.equal(nowTimestamp(), '2026-11-22T10:00:00Z');
    mock.timers.tick(100);
    assert.equal(nowTimestamp(), '2026-11-22T10:00:01Z');
  } finally {
    mock.timers.reset();
  }
});
