import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { jobTemplateCauses, replicatedWorkloadCauses } from './workload-validation.js';

const workload = (selector: unknown, labels: unknown, restartPolicy?: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'w' },
  spec: { selector, template: { metadata: { labels }, spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'c', image: 'x' }] } } },
});
const messages = (causes: { field?: string; message: string }[]): string[] => causes.map((c) => `${c.field}: ${c.message}`);

describe('workload validation', () => {
  test('a selector its template labels match passes, by labels or expressions', () => {
    assert.deepEqual(replicatedWorkloadCauses(workload({ matchLabels: { app: 'a' } }, { app: 'a', tier: 'web' }), 'deployment'), []);
    assert.deepEqual(replicatedWorkloadCauses(workload({ matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, { app: 'b' }), 'deployment'), []);
  });

  test('template labels the selector does not match, in Go syntax as kube-apiserver v1.32 prints them', () => {
    assert.deepEqual(messages(replicatedWorkloadCauses(workload({ matchLabels: { app: 'a' } }, { tier: 'x', app: 'b' }), 'deployment')), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"b", "tier":"x"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(messages(replicatedWorkloadCauses(workload({ matchLabels: { app: 'a' } }, undefined), 'statefulset')), [
      'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    ]);
  });

  test('an empty selector is refused, named as the kind', () => {
    assert.deepEqual(messages(replicatedWorkloadCauses(workload({}, { app: 'a' }), 'daemonset')), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    ]);
    assert.match(messages(replicatedWorkloadCauses(workload({ matchLabels: {} }, {}), 'deployment'))[0]!, /MatchLabels:map\[string\]string\{\}/);
  });

  test('replicated workloads run their pods with restartPolicy Always', () => {
    assert.deepEqual(messages(replicatedWorkloadCauses(workload({ matchLabels: { app: 'a' } }, { app: 'a' }, 'Never'), 'deployment')), [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  test('a Job template restarts OnFailure or Never', () => {
    const job = (restartPolicy?: string): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'c', image: 'x' }] } } } });
    assert.deepEqual(jobTemplateCauses(job('Never'), ['spec', 'template']), []);
    assert.deepEqual(jobTemplateCauses(job('OnFailure'), ['spec', 'template']), []);
    for (const policy of [undefined, 'Always']) {
      assert.deepEqual(messages(jobTemplateCauses(job(policy), ['spec', 'template'])), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    }
    assert.deepEqual(messages(jobTemplateCauses(job('Sometimes'), ['spec', 'template'])), ['spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"']);
  });
});
