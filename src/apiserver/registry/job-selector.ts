// A Job's selector as kube-apiserver makes it: unless spec.manualSelector is true, the server labels the
// pod template with the Job's name and uid (job-name, controller-uid and their batch.kubernetes.io/
// forms, each unless already set) and selects the uid label, and only that selector is accepted.

import { JOB_LABELS } from '../../api/builtin/job.js';
import type { StatusCause } from '../../machinery/errors.js';
import { isPlainObject, setOwnProperty, type KubeObject } from '../../machinery/object.js';
import { fieldErrors } from '../../machinery/validation/field-errors.js';
import { goLabelSelector } from '../../machinery/validation/go-format.js';


function manualSelector(spec: Record<string, unknown>): boolean {
  return spec.manualSelector === true;
}

/** Fills in the generated selector and template labels of a Job being created (kube's generateSelector). */
export function generateJobSelector(job: KubeObject): void {
  const spec = isPlainObject(job.spec) ? job.spec : undefined;
  if (!spec || manualSelector(spec) || !isPlainObject(spec.template)) return;
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  const template = spec.template;
  const templateMeta = isPlainObject(template.metadata) ? template.metadata : (template.metadata = {});
  const hadLabels = isPlainObject(templateMeta.labels);
  const labels = hadLabels ? (templateMeta.labels as Record<string, unknown>) : (templateMeta.labels = {});
  for (const [key, value] of [[JOB_LABELS.legacyJobName, name], [JOB_LABELS.jobName, name], [JOB_LABELS.legacyControllerUid, uid], [JOB_LABELS.controllerUid, uid]] as const) {
    if (!Object.hasOwn(labels, key)) setOwnProperty(labels, key, value);
  }
  const selector = isPlainObject(spec.selector) ? spec.selector : (spec.selector = {});
  const matchLabels = isPlainObject(selector.matchLabels) ? selector.matchLabels : (selector.matchLabels = {});
  if (!Object.hasOwn(matchLabels, JOB_LABELS.controllerUid)) setOwnProperty(matchLabels, JOB_LABELS.controllerUid, uid);
  // A Job without labels of its own takes its template's, as defaulting gives them (the same map upstream,
  // so they include the generated ones); a template without labels leaves the Job without.
  if (hadLabels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...(labels as Record<string, string>) };
}

/** On create: a selector the server generated must be exactly the uid label (validateGeneratedSelector). */
export function generatedSelectorCauses(job: KubeObject): StatusCause[] {
  const spec = isPlainObject(job.spec) ? job.spec : undefined;
  if (!spec || manualSelector(spec) || !isPlainObject(spec.selector)) return [];
  const selector = spec.selector;
  const matchLabels = isPlainObject(selector.matchLabels) ? selector.matchLabels : {};
  const exact = selector.matchExpressions === undefined && Object.keys(matchLabels).length === 1 && matchLabels[JOB_LABELS.controllerUid] === job.metadata.uid;
  return exact ? [] : [fieldErrors.invalidRendered('spec.selector', goLabelSelector(selector), '`selector` not auto-generated')];
}
