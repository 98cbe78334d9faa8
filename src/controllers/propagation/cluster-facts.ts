// What the scheduler and the override rules need to know about each registered member cluster, read from
// AttachedCluster / seed Cluster objects (labels, status written by the cluster controller).

import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { ClusterInfo } from './scheduling/index.js';

function isReady(cluster: KubeObject): boolean {
  const status = isPlainObject(cluster.status) ? cluster.status : {};
  return Array.isArray(status.conditions) && status.conditions.some((c: { type?: string; status?: string }) => c.type === 'Ready' && c.status === 'True');
}

export function clusterInfoOf(cluster: KubeObject): ClusterInfo {
  const status = (isPlainObject(cluster.status) ? cluster.status : {}) as Record<string, unknown>;
  const spec = (isPlainObject(cluster.spec) ? cluster.spec : {}) as Record<string, unknown>;
  const labels = cluster.metadata.labels ?? {};
  const summary = (isPlainObject(status.resourceSummary) ? status.resourceSummary : {}) as Record<string, Record<string, string>>;
  const taints = [...(Array.isArray(spec.taints) ? spec.taints : []), ...(Array.isArray(status.taints) ? status.taints : [])] as ClusterInfo['taints'];
  const info: ClusterInfo = { name: cluster.metadata.name ?? '', labels, taints, ready: isReady(cluster) };
  const provider = (spec.provider as string | undefined) ?? (status.provider as string | undefined) ?? labels.provider;
  const region = (spec.region as string | undefined) ?? (status.region as string | undefined) ?? labels.region;
  const zones = (status.zones as string[] | undefined) ?? (labels.zone ? [labels.zone] : undefined);
  if (provider) info.provider = provider;
  if (region) info.region = region;
  if (zones?.length) info.zones = zones;
  if (cluster.metadata.deletionTimestamp) info.deleting = true;
  if (summary.allocatable) info.allocatable = summary.allocatable;
  if (summary.allocated) info.allocated = summary.allocated;
  return info;
}

/** Maintenance (seed Cluster spec.maintenance.enabled): no new placements; treated as a NoSchedule taint. */
export function inMaintenance(cluster: KubeObject): boolean {
  const spec = isPlainObject(cluster.spec) ? cluster.spec : {};
  return isPlainObject(spec.maintenance) && spec.maintenance.enabled === true;
}
