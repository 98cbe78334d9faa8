import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeManagedFields, encodeManagedFields, unixSeconds } from './managers.js';

test('unixSeconds: whole seconds of an RFC 3339 time, 0 when absent or unparsable, the same however often asked', () => {
  for (let i = 0; i < 3; i++) {
    assert.equal(unixSeconds('2026-01-01T00:00:01Z'), 1767225601);
    assert.equal(unixSeconds('2026-01-01T01:00:01.900+01:00'), 1767225601);
    assert.equal(unixSeconds(undefined), 0);
    assert.equal(unixSeconds(''), 0);
    assert.equal(unixSeconds('yesterday'), 0);
  }
});

test('managedFields are written Apply entries first, then oldest first, then by manager', () => {
  const entry = (manager: string, operation: string, time?: string) => ({ manager, operation, apiVersion: 'v1', ...(time ? { time } : {}), fieldsType: 'FieldsV1', fieldsV1: { [`f:${manager}`]: {} } });
  const stored = [entry('late', 'Update', '2026-01-01T00:00:09Z'), entry('b-early', 'Update', '2026-01-01T00:00:01Z'), entry('a-early', 'Update', '2026-01-01T00:00:01Z'), entry('untimed', 'Update'), entry('applier', 'Apply', '2026-01-01T00:00:05Z')];
  const order = encodeManagedFields(decodeManagedFields(stored, true)).map((e) => e.manager);
  assert.deepEqual(order, ['applier', 'untimed', 'a-early', 'b-early', 'late']);
});
