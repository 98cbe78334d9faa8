import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setCondition, type Condition } from './conditions.js';

const ready = (status: Condition['status'], extra: Partial<Condition> = {}): Condition => ({ type: 'Ready', status, reason: 'R', message: 'm', ...extra });

test('setCondition replaces by type in place, keeping lastTransitionTime while the status holds', () => {
  const before = [{ type: 'Scheduled', status: 'True', reason: 'S', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }, { ...ready('True'), lastTransitionTime: '2026-01-02T00:00:00Z' }];
  const same = setCondition(before, ready('True', { reason: 'Still', observedGeneration: 3 }));
  assert.deepEqual(same, [before[0], { type: 'Ready', status: 'True', reason: 'Still', message: 'm', observedGeneration: 3, lastTransitionTime: '2026-01-02T00:00:00Z' }]);
  assert.equal(same[0], before[0], 'other conditions are kept as they are');
  const flipped = setCondition(before, ready('False'));
  assert.notEqual(flipped[1]!.lastTransitionTime, '2026-01-02T00:00:00Z', 'a new status is a transition');
  assert.match(flipped[1]!.lastTransitionTime!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(!('observedGeneration' in flipped[1]!), 'an undefined observedGeneration is left out');
  assert.deepEqual(Object.keys(setCondition(undefined, ready('True'))[0]!), ['type', 'status', 'reason', 'message', 'lastTransitionTime']);
});
