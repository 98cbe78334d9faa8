import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { SchedulingMemo } from './scheduling-memo.js';

function binding(uid: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'work.karmada.io/v1alpha2', kind: 'ResourceBinding', metadata: { name: 'web-deployment', namespace: 'default', uid }, spec, status };
}

const scheduled = { replicas: 3, placement: { clusterAffinity: { clusterNames: ['a', 'b'] } }, clusters: [{ name: 'a', replicas: 2 }, { name: 'b', replicas: 1 }] };

describe('SchedulingMemo', () => {
  test('a binding left as the last pass left it, with no cluster event since, is unchanged', () => {
    const memo = new SchedulingMemo();
    assert.equal(memo.unchanged('rb', binding('u1', scheduled)), false, 'nothing remembered yet');
    memo.remember('rb', binding('u1', scheduled), memo.epoch());
    // Another version of the same spec (the informer's copy after the write) counts as the same.
    assert.equal(memo.unchanged('rb', binding('u1', structuredClone(scheduled))), true);
    assert.equal(memo.unchanged('other', binding('u1', scheduled)), false, 'per binding');
  });

  test('a spec change, a new uid or another affinity term makes a pass needed', () => {
    const memo = new SchedulingMemo();
    memo.remember('rb', binding('u1', scheduled, { schedulerObservingAffinityName: 'primary' }), memo.epoch());
    assert.equal(memo.unchanged('rb', binding('u1', { ...scheduled, replicas: 4 }, { schedulerObservingAffinityName: 'primary' })), false, 'replicas');
    assert.equal(memo.unchanged('rb', binding('u2', scheduled, { schedulerObservingAffinityName: 'primary' })), false, 'recreated binding');
    assert.equal(memo.unchanged('rb', binding('u1', scheduled, { schedulerObservingAffinityName: 'backup' })), false, 'affinity term');
    assert.equal(memo.unchanged('rb', binding('u1', scheduled, { schedulerObservingAffinityName: 'primary', conditions: [] })), true, 'other status fields are not inputs');
  });

  test('any cluster event, even one during the pass, makes the next pass needed; forget drops the pass', () => {
    const memo = new SchedulingMemo();
    const started = memo.epoch();
    memo.clustersChanged();
    memo.remember('rb', binding('u1', scheduled), started);
    assert.equal(memo.unchanged('rb', binding('u1', scheduled)), false, 'the pass read clusters older than the event');
    memo.remember('rb', binding('u1', scheduled), memo.epoch());
    assert.equal(memo.unchanged('rb', binding('u1', scheduled)), true);
    memo.clustersChanged();
    assert.equal(memo.unchanged('rb', binding('u1', scheduled)), false);
    memo.remember('rb', binding('u1', scheduled), memo.epoch());
    memo.forget('rb');
    assert.equal(memo.unchanged('rb', binding('u1', scheduled)), false);
  });
});
