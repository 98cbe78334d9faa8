// The API kinds the propagation pipeline reads and writes, across Karmada's groups and the seed aliases.

import { resourceTypeOf } from '../../client/resources.js';
import type { ResourceType } from '../../client/types.js';

export const PROPAGATION_POLICIES: readonly ResourceType[] = [
  resourceTypeOf('policy.karmada.io', 'v1alpha1', 'propagationpolicies', 'PropagationPolicy', true),
  resourceTypeOf('kurator.dev', 'v1alpha1', 'propagationpolicies', 'PropagationPolicy', true),
];

export const CLUSTER_PROPAGATION_POLICIES: readonly ResourceType[] = [
  resourceTypeOf('policy.karmada.io', 'v1alpha1', 'clusterpropagationpolicies', 'ClusterPropagationPolicy', false),
  resourceTypeOf('policy.kurator.dev', 'v1alpha1', 'clusterpropagationpolicies', 'ClusterPropagationPolicy', false),
];

export const OVERRIDE_POLICIES: readonly ResourceType[] = [
  resourceTypeOf('policy.karmada.io', 'v1alpha1', 'overridepolicies', 'OverridePolicy', true),
  resourceTypeOf('policy.kurator.dev', 'v1alpha1', 'overridepolicies', 'OverridePolicy', true),
];

export const CLUSTER_OVERRIDE_POLICIES: readonly ResourceType[] = [
  resourceTypeOf('policy.karmada.io', 'v1alpha1', 'clusteroverridepolicies', 'ClusterOverridePolicy', false),
  resourceTypeOf('policy.kurator.dev', 'v1alpha1', 'clusteroverridepolicies', 'ClusterOverridePolicy', false),
];

export const RESOURCE_BINDINGS = resourceTypeOf('work.karmada.io', 'v1alpha2', 'resourcebindings', 'ResourceBinding', true);
export const CLUSTER_RESOURCE_BINDINGS = resourceTypeOf('work.karmada.io', 'v1alpha2', 'clusterresourcebindings', 'ClusterResourceBinding', false);
/** Namespaced templates get ResourceBindings, cluster-scoped ones ClusterResourceBindings. */
export const BINDING_TYPES: readonly ResourceType[] = [RESOURCE_BINDINGS, CLUSTER_RESOURCE_BINDINGS];
export const WORKS = resourceTypeOf('work.karmada.io', 'v1alpha1', 'works', 'Work', true);

export const EXECUTION_NAMESPACE_PREFIX = 'karmada-es-';
export const MANAGED_BY_LABEL = 'kurator.dev/managed-by';
export const WORK_ANNOTATION = 'work.karmada.io/name';
export const WORK_NAMESPACE_ANNOTATION = 'work.karmada.io/namespace';
/** On a Work: the binding it was made from (ResourceBinding: namespace + name; ClusterResourceBinding: name). */
export const WORK_BINDING_ANNOTATIONS = {
  namespace: 'resourcebinding.karmada.io/namespace',
  name: 'resourcebinding.karmada.io/name',
  clusterName: 'clusterresourcebinding.karmada.io/name',
} as const;
/** On a Work: how the execution controller treats an object already on the member that it did not create. */
export const CONFLICT_RESOLUTION_ANNOTATION = 'work.karmada.io/conflict-resolution';
/** On a binding: the policy that claimed its template (its absence marks a binding only dependencies need). */
export const POLICY_NAME_LABEL = 'propagationpolicy.karmada.io/name';
export const POLICY_KIND_LABEL = 'propagationpolicy.karmada.io/kind';

export function executionNamespace(cluster: string): string {
  return `${EXECUTION_NAMESPACE_PREFIX}${cluster}`;
}

export function clusterOfExecutionNamespace(namespace: string | undefined): string | undefined {
  return namespace?.startsWith(EXECUTION_NAMESPACE_PREFIX) ? namespace.slice(EXECUTION_NAMESPACE_PREFIX.length) : undefined;
}

export function bindingName(templateName: string, kind: string): string {
  return `${templateName}-${kind.toLowerCase()}`;
}
