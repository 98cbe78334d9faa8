// The Work a binding puts in one cluster's execution namespace: the template as that cluster receives it
// (its share of replicas, then the overrides), and what the execution controller must honour there.

import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, shallowCopy, shallowCopyWithout, type KubeObject } from '../../machinery/object.js';
import { RESOURCE_TEMPLATE_GENERATION_ANNOTATION } from './interpreter/index.js';
import { CLAIM_ANNOTATIONS } from './matching/claim.js';
import { MEMBER_IRRELEVANT_ANNOTATIONS, pruneGeneratedFields } from './member-prune.js';
import type { BindingSpec } from './binding-spec.js';
import { CONFLICT_RESOLUTION_ANNOTATION, executionNamespace, MANAGED_BY_LABEL, WORK_BINDING_ANNOTATIONS } from './kinds.js';

const HUB_ONLY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', ...Object.values(CLAIM_ANNOTATIONS)];
/** The annotations a member copy leaves out, for the kinds that leave out more than the hub's own. */
const LEFT_OUT_BY_KIND = new Map([...MEMBER_IRRELEVANT_ANNOTATIONS].map(([kind, more]) => [kind, [...HUB_ONLY_ANNOTATIONS, ...more]]));

/**
 * The template as members receive it: identity and user metadata only, no server fields, no status.
 * Shares everything below the top level except metadata with the template: read it, never modify it.
 */
export function memberCopy(template: KubeObject): KubeObject {
  const { status: _status, ...rest } = template as KubeObject & { status?: unknown };
  const meta = template.metadata;
  // Copied key by key, then added to (see shallowCopy).
  const annotations = shallowCopyWithout(meta.annotations ?? {}, (template.kind && LEFT_OUT_BY_KIND.get(template.kind)) || HUB_ONLY_ANNOTATIONS);
  // Lets status aggregation tell a member running the latest template from one that is behind.
  if (meta.generation !== undefined) annotations[RESOURCE_TEMPLATE_GENERATION_ANNOTATION] = String(meta.generation);
  const labels = shallowCopy(meta.labels ?? {});
  labels[MANAGED_BY_LABEL] = 'kurator';
  rest.metadata = { labels, annotations };
  if (meta.name !== undefined) rest.metadata.name = meta.name;
  if (meta.namespace !== undefined) rest.metadata.namespace = meta.namespace;
  return pruneGeneratedFields(rest);
}

export function workName(binding: KubeObject): string {
  const name = binding.metadata.name ?? '';
  return (binding.metadata.namespace ? `${binding.metadata.namespace}-${name}` : name).slice(0, 253);
}

export const RESOURCE_BINDING_LABEL = 'resourcebinding.karmada.io/key';
export const CLUSTER_RESOURCE_BINDING_LABEL = 'clusterresourcebinding.karmada.io/key';
/** The execution controller's; set from the start so the Work needs no second write before it runs. */
export const EXECUTION_FINALIZER = 'karmada.io/execution-controller';

/** The label that finds a binding's Works (label values are at most 63 characters). */
export function bindingLabel(binding: KubeObject): [string, string] {
  return binding.metadata.namespace
    ? [RESOURCE_BINDING_LABEL, `${binding.metadata.namespace}.${binding.metadata.name}`.slice(0, 63)]
    : [CLUSTER_RESOURCE_BINDING_LABEL, (binding.metadata.name ?? '').slice(0, 63)];
}

/** Whether a stored Work already says everything `wanted` does (applying it again would change nothing). */
export function workUpToDate(existing: KubeObject, wanted: KubeObject): boolean {
  const has = (current: Record<string, string> | undefined, want: Record<string, string> | undefined): boolean => Object.entries(want ?? {}).every(([k, v]) => current?.[k] === v);
  return (
    deepEqual(existing.spec, wanted.spec) &&
    has(existing.metadata.labels, wanted.metadata.labels) &&
    has(existing.metadata.annotations, wanted.metadata.annotations) &&
    deepEqual(existing.metadata.ownerReferences, wanted.metadata.ownerReferences) &&
    (wanted.metadata.finalizers ?? []).every((f) => existing.metadata.finalizers?.includes(f))
  );
}

export function suspendedOn(spec: BindingSpec, cluster: string): boolean {
  const suspension = spec.suspension;
  if (!suspension) return false;
  return suspension.dispatching === true || (suspension.dispatchingOnClusters?.clusterNames ?? []).includes(cluster);
}

export function workFor(binding: KubeObject, spec: BindingSpec, cluster: string, manifest: KubeObject): KubeObject {
  const [labelKey, labelValue] = bindingLabel(binding);
  const annotations: Record<string, string> = binding.metadata.namespace
    ? { [WORK_BINDING_ANNOTATIONS.namespace]: binding.metadata.namespace, [WORK_BINDING_ANNOTATIONS.name]: binding.metadata.name ?? '' }
    : { [WORK_BINDING_ANNOTATIONS.clusterName]: binding.metadata.name ?? '' };
  annotations[CONFLICT_RESOLUTION_ANNOTATION] = spec.conflictResolution === 'Overwrite' ? 'overwrite' : 'abort';
  const workSpec: Record<string, unknown> = { workload: { manifests: [manifest] } };
  if (suspendedOn(spec, cluster)) workSpec.suspendDispatching = true;
  if (spec.preserveResourcesOnDeletion === true) workSpec.preserveResourcesOnDeletion = true;
  return {
    apiVersion: 'work.karmada.io/v1alpha1',
    kind: 'Work',
    metadata: {
      name: workName(binding),
      namespace: executionNamespace(cluster),
      labels: { [labelKey]: labelValue },
      annotations,
      finalizers: [EXECUTION_FINALIZER],
      ownerReferences: [{ apiVersion: binding.apiVersion ?? 'work.karmada.io/v1alpha2', kind: binding.kind ?? '', name: binding.metadata.name ?? '', uid: binding.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: workSpec,
  };
}

/** `existing` rewritten to say what `wanted` does, keeping what others own (finalizers, status) and its version. */
export function replacementWork(existing: KubeObject, wanted: KubeObject): KubeObject {
  const finalizers = [...new Set([...(existing.metadata.finalizers ?? []), ...(wanted.metadata.finalizers ?? [])])];
  return {
    ...existing,
    metadata: {
      ...existing.metadata,
      labels: { ...(existing.metadata.labels ?? {}), ...(wanted.metadata.labels ?? {}) },
      annotations: { ...(existing.metadata.annotations ?? {}), ...(wanted.metadata.annotations ?? {}) },
      ownerReferences: wanted.metadata.ownerReferences ?? [],
      finalizers,
    },
    spec: wanted.spec,
  };
}

export function hasReplicas(template: KubeObject): boolean {
  return isPlainObject(template.spec) && typeof template.spec.replicas === 'number';
}
