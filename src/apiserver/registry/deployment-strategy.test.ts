import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentStrategyCauses } from './deployment-strategy.js';

const messages = (strategy: unknown): string[] => deploymentStrategyCauses({ strategy }).map((c) => `${c.field}: ${c.message}`);

test('rollout strategies kube-apiserver accepts', () => {
  assert.deepEqual(messages(undefined), []);
  assert.deepEqual(messages({ type: 'Recreate' }), []);
  assert.deepEqual(messages({ type: 'RollingUpdate' }), [], 'unset values are defaulted');
  assert.deepEqual(messages({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }), []);
  assert.deepEqual(messages({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0 } }), [], 'maxUnavailable defaults to 25%');
  assert.deepEqual(messages({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: '100%' } }), []);
});

test('rollout strategies kube-apiserver refuses, with its messages', () => {
  assert.deepEqual(messages({ type: 'Recreate', rollingUpdate: { maxSurge: 1 } }), ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
  assert.deepEqual(messages({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }), [
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
  ]);
  assert.deepEqual(messages({ rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } }), [
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0',
  ]);
  assert.deepEqual(messages({ rollingUpdate: { maxSurge: -1, maxUnavailable: '150%' } }), [
    'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
  ]);
  assert.match(messages({ rollingUpdate: { maxSurge: 'lots' } })[0]!, /^spec\.strategy\.rollingUpdate\.maxSurge: Invalid value: intstr\.IntOrString\{Type:1, IntVal:0, StrVal:"lots"\}: a valid percent string must be/);
});
