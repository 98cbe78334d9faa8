import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../machinery/object.js';
import { EventCorrelator } from './event-correlator.js';

const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
const applied = (cluster: number) => ({ type: 'Normal' as const, reason: 'SyncSucceed', message: `Successfully applied to cluster member${cluster}` });

test('similar events with different messages are combined after 10, and one object gets at most 25 before the filter drops', () => {
  let now = 0;
  const correlator = new EventCorrelator(() => now);
  const results = Array.from({ length: 100 }, (_, i) => correlator.correlate(deployment, applied(i + 1), 'execution-controller'));
  const kept = results.filter((r) => r !== undefined);
  assert.equal(kept.length, 25, 'the spam filter lets a burst of 25 through');
  assert.equal(new Set(kept.slice(0, 9).map((r) => r.key)).size, 9, 'the first nine messages are events of their own');
  const combined = kept.slice(9);
  assert.equal(new Set(combined.map((r) => r.key)).size, 1, 'then one combined event whose count grows');
  assert.equal(combined[0]!.message, '(combined from similar events): Successfully applied to cluster member10');

  // Another object has its own bucket; the same object gets one more token every 5 minutes.
  assert.ok(correlator.correlate({ ...deployment, metadata: { ...deployment.metadata, name: 'api', uid: 'u2' } }, applied(1), 'execution-controller'));
  assert.equal(correlator.correlate(deployment, applied(101), 'execution-controller'), undefined);
  now += 5 * 60_000;
  assert.ok(correlator.correlate(deployment, applied(102), 'execution-controller'));
  assert.equal(correlator.correlate(deployment, applied(103), 'execution-controller'), undefined);
});

test('a repeated event keeps its key, so it is counted rather than recorded again', () => {
  const correlator = new EventCorrelator(() => 0);
  const first = correlator.correlate(deployment, applied(1), 'c');
  const again = correlator.correlate(deployment, applied(1), 'c');
  assert.equal(first?.key, again?.key);
  assert.equal(again?.message, applied(1).message);
});
