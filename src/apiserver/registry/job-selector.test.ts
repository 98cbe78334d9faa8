import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { generatedSelectorCauses, generateJobSelector } from './job-selector.js';

const job = (spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', uid: 'u1', ...(labels ? { labels } : {}) }, spec });
const GENERATED = { 'batch.kubernetes.io/controller-uid': 'u1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u1', 'job-name': 'pi' };

test('a Job without a manual selector gets the generated selector and template labels', () => {
  const bare = job({ template: { spec: {} } });
  generateJobSelector(bare);
  assert.deepEqual(bare.spec, { template: { spec: {}, metadata: { labels: GENERATED } }, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } } });
  assert.equal(bare.metadata.labels, undefined, 'a template without labels leaves the Job without');
  assert.deepEqual(generatedSelectorCauses(bare), []);
  const labelled = job({ template: { metadata: { labels: { app: 'pi', 'job-name': 'mine' } } } });
  generateJobSelector(labelled);
  assert.deepEqual(labelled.metadata.labels, { ...GENERATED, app: 'pi', 'job-name': 'mine' }, "the Job takes its template's labels, generated ones included; set ones are kept");
});

test('a selector the user wrote without manualSelector is refused; with it, left alone', () => {
  const own = job({ selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } });
  generateJobSelector(own);
  assert.deepEqual(generatedSelectorCauses(own).map((c) => `${c.field}: ${c.message}`), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"u1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
  ]);
  const manual = job({ manualSelector: true, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } });
  generateJobSelector(manual);
  assert.deepEqual(manual.spec, { manualSelector: true, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } });
  assert.deepEqual(generatedSelectorCauses(manual), []);
});
