// The fields of a ResourceBinding / ClusterResourceBinding the propagation controllers read, typed once.

import type { ObjectKey } from '../../client/controller-types.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { BINDING_TYPES, CLUSTER_RESOURCE_BINDINGS, RESOURCE_BINDINGS } from './kinds.js';
import type { Placement, TargetCluster } from './scheduling/index.js';
import type { Client, ResourceType } from '../../client/types.js';

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface GracefulEvictionTask {
  fromCluster: string;
  purgeMode?: string;
  replicas?: number;
  reason: string;
  message?: string;
  producer: string;
  gracePeriodSeconds?: number;
  creationTimestamp?: string;
}

export interface FailoverBehavior {
  cluster?: { purgeMode?: string; statePreservation?: unknown };
  application?: { decisionConditions?: { tolerationSeconds?: number }; purgeMode?: string; gracePeriodSeconds?: number; statePreservation?: unknown };
}

export interface BindingSpec {
  resource?: ResourceRef;
  placement?: Placement;
  replicas?: number;
  clusters?: TargetCluster[];
  requiredBy?: { namespace?: string; name?: string; clusters?: TargetCluster[] }[];
  gracefulEvictionTasks?: GracefulEvictionTask[];
  propagateDeps?: boolean;
  conflictResolution?: 'Abort' | 'Overwrite';
  suspension?: { dispatching?: boolean; dispatchingOnClusters?: { clusterNames?: string[] }; scheduling?: boolean };
  preserveResourcesOnDeletion?: boolean;
  failover?: FailoverBehavior;
}

export function bindingSpecOf(binding: KubeObject): BindingSpec {
  return (isPlainObject(binding.spec) ? binding.spec : {}) as BindingSpec;
}

export function bindingStatusOf(binding: KubeObject): Record<string, unknown> {
  return isPlainObject(binding.status) ? binding.status : {};
}

export function bindingTypeOf(binding: KubeObject): ResourceType {
  return binding.kind === 'ClusterResourceBinding' ? CLUSTER_RESOURCE_BINDINGS : RESOURCE_BINDINGS;
}

export function bindingTypeForScope(namespaced: boolean): ResourceType {
  return namespaced ? RESOURCE_BINDINGS : CLUSTER_RESOURCE_BINDINGS;
}

export function keyOf(object: KubeObject): ObjectKey {
  return { namespace: object.metadata.namespace, name: object.metadata.name ?? '' };
}

/** "namespace/name" or "name", as Karmada's messages print objects. */
export function displayName(ref: { namespace?: string | undefined; name?: string | undefined }): string {
  return ref.namespace ? `${ref.namespace}/${ref.name ?? ''}` : (ref.name ?? '');
}

/** Every cluster a binding puts its Works on: the scheduled ones and those the bindings that need it are on. */
export function dispatchTargets(spec: BindingSpec): TargetCluster[] {
  const targets = [...(spec.clusters ?? [])];
  for (const required of spec.requiredBy ?? []) {
    for (const cluster of required.clusters ?? []) if (!targets.some((t) => t.name === cluster.name)) targets.push({ name: cluster.name, replicas: 0 });
  }
  return targets;
}

/** Replaces the binding's eviction tasks, failing with a conflict if the binding changed since it was read. */
export async function writeEvictionTasks(client: Client, binding: KubeObject, tasks: GracefulEvictionTask[]): Promise<void> {
  await client.patch(bindingTypeOf(binding), binding.metadata.namespace, binding.metadata.name ?? '', 'merge', {
    metadata: { resourceVersion: binding.metadata.resourceVersion },
    spec: { gracefulEvictionTasks: tasks.length ? tasks : null },
  });
}

/** Karmada has spelled purge modes two ways over its versions; both are accepted. */
export function purgeModeOf(mode: string | undefined, fallback: 'Immediately' | 'Graciously' | 'Never'): 'Immediately' | 'Graciously' | 'Never' {
  if (mode === 'Immediately' || mode === 'Directly') return 'Immediately';
  if (mode === 'Graciously' || mode === 'Gracefully') return 'Graciously';
  if (mode === 'Never') return 'Never';
  return fallback;
}

export { BINDING_TYPES };
