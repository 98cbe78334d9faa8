import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { builtinStrategies } from './strategies.js';
import { strategyKey } from './strategy.js';

const deployment = (resources: unknown): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'c', image: 'x', resources }] } } },
});

describe('built-in strategies: pod specs', () => {
  const strategies = builtinStrategies();
  const validate = (group: string, kind: string, object: KubeObject, old?: KubeObject) => strategies.get(strategyKey(group, kind))!.validate!(object, old).map((c) => c.field);

  test('a write that changes the pod template has its container resources checked', () => {
    const stored = deployment({ requests: { cpu: '1' } });
    assert.deepEqual(validate('apps', 'Deployment', deployment({ requests: { cpus: '1' } }), stored), ['spec.template.spec.containers[0].resources.requests[cpus]', 'spec.template.spec.containers[0].resources.requests[cpus]']);
    assert.deepEqual(validate('apps', 'Deployment', { ...deployment({}), spec: { replicas: -1 } }), ['spec.replicas']);
  });

  test('a write that keeps the stored spec (a status write) is not refused for what an older hub accepted', () => {
    const stored = deployment({ requests: { cpus: '1' } });
    assert.deepEqual(validate('apps', 'Deployment', { ...stored, status: { replicas: 1 } }, stored), []);
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { pods: 1 } } }] } };
    assert.deepEqual(validate('', 'Pod', { ...pod, status: { phase: 'Running' } }, pod), []);
    assert.deepEqual(validate('', 'Pod', pod), ['spec.containers[0].resources.limits[pods]']);
  });
});
