// A Job's selector as kube-apiserver makes it: unless spec.manualSelector is true, the server labels the
// pod template with the Job's name and uid (job-name, controller-uid and their batch.kubernetes.io/
// forms, each unless already set) and selects the uid label, and only that selector is accepted.

import type { StatusCause } from '../../machinery/errors.js';
import { isPlainObject, setOwnProperty, type KubeObject } from '../../machinery/object.js';
import { fieldErrors } from '../../machinery/validation/field-errors.js';
import { goQuote } from '../../machinery/validation/go-format.js';

export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

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
  for (const [key, value] of [[LEGACY_JOB_NAME_LABEL, name], [JOB_NAME_LABEL, name], [LEGACY_JOB_CONTROLLER_UID_LABEL, uid], [JOB_CONTROLLER_UID_LABEL, uid]] as const) {
    if (!Object.hasOwn(labels, key)) setOwnProperty(labels, key, value);
  }
  const selector = isPlainObject(spec.selector) ? spec.selector : (spec.selector = {});
  const matchLabels = isPlainObject(selector.matchLabels) ? selector.matchLabels : (selector.matchLabels = {});
  if (!Object.hasOwn(matchLabels, JOB_CONTROLLER_UID_LABEL)) setOwnProperty(matchLabels, JOB_CONTROLLER_UID_LABEL, uid);
  // A Job without labels of its own takes its template's, as defaulting gives them (the same map upstream,
  // so they include the generated ones); a template without labels leaves the Job without.
  if (hadLabels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...(labels as Record<string, string>) };
}

function goRequirement(requirement: unknown): string {
  const r = isPlainObject(requirement) ? requirement : {};
  const values = Array.isArray(r.values) ? `[]string{${r.values.map((v) => goQuote(String(v))).join(', ')}}` : '[]string(nil)';
  return `v1.LabelSelectorRequirement{Key:${goQuote(String(r.key ?? ''))}, Operator:${goQuote(String(r.operator ?? ''))}, Values:${values}}`;
}

/** Go's %#v of the LabelSelector a Job's spec.selector decodes to. */
function goSelector(selector: Record<string, unknown>): string {
  const matchLabels = selector.matchLabels;
  const labels = isPlainObject(matchLabels)
    ? `map[string]string{${Object.keys(matchLabels)
        .sort()
        .map((k) => `${goQuote(k)}:${goQuote(String(matchLabels[k]))}`)
        .join(', ')}}`
    : 'map[string]string(nil)';
  const expressions = Array.isArray(selector.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions.map(goRequirement).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${expressions}}`;
}

/** On create: a selector the server generated must be exactly the uid label (validateGeneratedSelector). */
export function generatedSelectorCauses(job: KubeObject): StatusCause[] {
  const spec = isPlainObject(job.spec) ? job.spec : undefined;
  if (!spec || manualSelector(spec) || !isPlainObject(spec.selector)) return [];
  const selector = spec.selector;
  const matchLabels = isPlainObject(selector.matchLabels) ? selector.matchLabels : {};
  const exact = selector.matchExpressions === undefined && Object.keys(matchLabels).length === 1 && matchLabels[JOB_CONTROLLER_UID_LABEL] === job.metadata.uid;
  return exact ? [] : [fieldErrors.invalidRendered('spec.selector', goSelector(selector), '`selector` not auto-generated')];
}
