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
export const WORKS = resourceTypeOf('work.karmada.io', 'v1alpha1', 'works', 'Work', true);

export const EXECUTION_NAMESPACE_PREFIX = 'karmada-es-';
export const MANAGED_BY_LABEL = 'kurator.dev/managed-by';
export const WORK_ANNOTATION = 'work.karmada.io/name';
export const WORK_NAMESPACE_ANNOTATION = 'work.karmada.io/namespace';

export function executionNamespace(cluster: string): string {
  return `${EXECUTION_NAMESPACE_PREFIX}${cluster}`;
}

export function bindingName(templateName: string, kind: string): string {
  return `${templateName}-${kind.toLowerCase()}`;
}
