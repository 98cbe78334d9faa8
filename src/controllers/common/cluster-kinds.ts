// The two kinds that register a member cluster with the hub and where each keeps its kubeconfig.

import { resourceTypeOf } from '../../client/resources.js';
import type { ResourceType } from '../../client/types.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';

export const ATTACHED_CLUSTERS = resourceTypeOf('cluster.kurator.dev', 'v1alpha1', 'attachedclusters', 'AttachedCluster', true);
export const FLEET_CLUSTERS = resourceTypeOf('fleet.kurator.dev', 'v1alpha1', 'clusters', 'Cluster', true);
export const CLUSTER_KINDS: readonly ResourceType[] = [ATTACHED_CLUSTERS, FLEET_CLUSTERS];

export interface SecretRef {
  namespace: string;
  name: string;
  key: string;
}

/** AttachedCluster: spec.kubeconfig {name, key="value"}; seed Cluster: spec.kubeconfigSecretRef {name, key="kubeconfig"}. */
export function kubeconfigRef(cluster: KubeObject): SecretRef | undefined {
  const spec = isPlainObject(cluster.spec) ? cluster.spec : {};
  const namespace = cluster.metadata.namespace ?? 'default';
  if (cluster.kind === 'AttachedCluster' && isPlainObject(spec.kubeconfig) && typeof spec.kubeconfig.name === 'string') {
    return { namespace, name: spec.kubeconfig.name, key: typeof spec.kubeconfig.key === 'string' ? spec.kubeconfig.key : 'value' };
  }
  if (cluster.kind === 'Cluster' && isPlainObject(spec.kubeconfigSecretRef) && typeof spec.kubeconfigSecretRef.name === 'string') {
    const ref = spec.kubeconfigSecretRef;
    return { namespace: typeof ref.namespace === 'string' ? ref.namespace : namespace, name: ref.name as string, key: typeof ref.key === 'string' ? ref.key : 'kubeconfig' };
  }
  return undefined;
}

export function typeOfKind(kind: string | undefined): ResourceType {
  return kind === 'Cluster' ? FLEET_CLUSTERS : ATTACHED_CLUSTERS;
}

/** The key MemberConnections knows a cluster by (the same for every controller). */
export function clusterConnectionKey(cluster: KubeObject): string {
  return `${cluster.kind}/${cluster.metadata.namespace ?? ''}/${cluster.metadata.name}`;
}
