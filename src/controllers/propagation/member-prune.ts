// Fields a member copy leaves out because the hub's API server generated them for the hub's object and the
// member generates its own (Karmada's RemoveIrrelevantFields): a Job's generated selector and labels
// (and its ttlSecondsAfterFinished, so a member does not delete a Job the hub would then make again), a
// Service's cluster IPs (not a headless Service's None), a Deployment's revision annotations, a claim's
// selected node. Copy on write: the copy shares the rest with the template, which is never modified.

import { JOB_LABELS } from '../../api/builtin/job.js';
import { isPlainObject, shallowCopy, shallowCopyWithout, type KubeObject } from '../../machinery/object.js';

const JOB_GENERATED_SELECTOR = [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid];
const JOB_GENERATED_LABELS = [...JOB_GENERATED_SELECTOR, JOB_LABELS.legacyJobName, JOB_LABELS.jobName];

/** Annotations a member copy of the kind leaves out. */
export const MEMBER_IRRELEVANT_ANNOTATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Deployment', ['deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history']],
  ['PersistentVolumeClaim', ['volume.kubernetes.io/selected-node']],
]);

function withoutKeys(record: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (!isPlainObject(record)) return undefined;
  return keys.some((k) => Object.hasOwn(record, k)) ? shallowCopyWithout(record, keys) : record;
}

function prunedJobSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out = shallowCopyWithout(spec, ['ttlSecondsAfterFinished']);
  if (spec.manualSelector === true) return out;
  if (isPlainObject(spec.selector)) {
    const matchLabels = withoutKeys(spec.selector.matchLabels, JOB_GENERATED_SELECTOR);
    const selector = shallowCopyWithout(spec.selector, ['matchLabels']);
    if (matchLabels && Object.keys(matchLabels).length > 0) selector.matchLabels = matchLabels;
    if (Object.keys(selector).length > 0) out.selector = selector;
    else delete out.selector;
  }
  const template = spec.template;
  if (isPlainObject(template) && isPlainObject(template.metadata)) {
    const labels = withoutKeys(template.metadata.labels, JOB_GENERATED_LABELS);
    if (labels !== template.metadata.labels) {
      const metadata = shallowCopyWithout(template.metadata, ['labels']);
      if (labels && Object.keys(labels).length > 0) metadata.labels = labels;
      out.template = { ...template, metadata };
    }
  }
  return out;
}

/** The copy with what its kind's member generates for itself left out (the copy itself when nothing is). */
export function pruneGeneratedFields(copy: KubeObject): KubeObject {
  const spec = copy.spec;
  if (!isPlainObject(spec)) return copy;
  if (copy.kind === 'Job' && copy.apiVersion?.startsWith('batch/')) {
    const pruned = shallowCopy(copy);
    pruned.spec = prunedJobSpec(spec);
    return pruned;
  }
  if (copy.kind === 'Service' && copy.apiVersion === 'v1' && spec.clusterIP !== undefined && spec.clusterIP !== 'None') {
    const pruned = shallowCopy(copy);
    pruned.spec = shallowCopyWithout(spec, ['clusterIP', 'clusterIPs']);
    return pruned;
  }
  return copy;
}
