// What kube-apiserver checks of the workloads that hold a pod template, beyond the template's pod spec:
// the selector is not empty and matches the template's labels (Deployment, ReplicaSet, StatefulSet,
// DaemonSet), and the template's restartPolicy suits the kind (Always for those; OnFailure or Never for
// a Job and a CronJob's job template). Values render as kube-apiserver v1.32 prints them (Go syntax).

import { at } from '../../api/builtin/cells.js';
import type { StatusCause } from '../../machinery/errors.js';
import { labelSelectorFromSpec, matchesLabels, SelectorError, type LabelSelectorSpec } from '../../machinery/labels.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { fieldErrors } from '../../machinery/validation/field-errors.js';
import { goLabelSelector, goStringMap } from '../../machinery/validation/go-format.js';
import { validatePodSpec } from '../../machinery/validation/pod-spec.js';

/** The object at a path, or undefined. */
function objectAt(object: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  const found = at(object, ...path);
  return isPlainObject(found) ? found : undefined;
}

function isEmptySelector(selector: Record<string, unknown>): boolean {
  const labels = isPlainObject(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels + expressions === 0;
}

/** spec.selector against spec.template.metadata.labels; `kindWord` names the kind in the empty-selector message. */
function selectorCauses(spec: Record<string, unknown>, kindWord: string): StatusCause[] {
  const selector = spec.selector;
  if (!isPlainObject(selector)) return [];
  if (isEmptySelector(selector)) return [fieldErrors.invalidRendered('spec.selector', goLabelSelector(selector), `empty selector is invalid for ${kindWord}`)];
  let requirements;
  try {
    requirements = labelSelectorFromSpec(selector as LabelSelectorSpec);
  } catch (error) {
    if (error instanceof SelectorError) return []; // a malformed selector is the schema's to report
    throw error;
  }
  const labels = objectAt(spec, ['template', 'metadata'])?.labels;
  if (matchesLabels(requirements, isPlainObject(labels) ? (labels as Record<string, string>) : undefined)) return [];
  return [fieldErrors.invalidRendered('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`')];
}

function restartPolicyOf(podSpec: Record<string, unknown> | undefined): string {
  return typeof podSpec?.restartPolicy === 'string' ? podSpec.restartPolicy : '';
}

/** A Deployment, ReplicaSet, StatefulSet or DaemonSet (kindWord as kube's empty-selector message says it). */
export function replicatedWorkloadCauses(object: KubeObject, kindWord: string): StatusCause[] {
  const spec = objectAt(object, ['spec']);
  if (!spec) return [];
  const podSpec = objectAt(spec, ['template', 'spec']);
  const causes = [...selectorCauses(spec, kindWord), ...validatePodSpec(podSpec, 'spec.template.spec')];
  const restartPolicy = restartPolicyOf(podSpec) || 'Always';
  if (restartPolicy !== 'Always') causes.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  return causes;
}

/** A Job's template at `path` (spec.template, or a CronJob's spec.jobTemplate.spec.template). */
export function jobTemplateCauses(object: KubeObject, path: readonly string[]): StatusCause[] {
  const rendered = [...path, 'spec'].join('.');
  const podSpec = objectAt(object, [...path, 'spec']);
  const causes = validatePodSpec(podSpec, rendered);
  const restartPolicy = restartPolicyOf(podSpec);
  const at = `${rendered}.restartPolicy`;
  if (restartPolicy === '' || restartPolicy === 'Always') causes.push(fieldErrors.required(at, 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') causes.push(fieldErrors.notSupported(at, restartPolicy, ['OnFailure', 'Never']));
  return causes;
}
