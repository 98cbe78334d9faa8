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

/**
 * Maintenance (seed Cluster spec.maintenance): enabled, and its schedule (RFC 3339) reached or absent.
 * Returns the milliseconds until a future schedule starts, so the caller can look again then.
 */
export function maintenanceState(cluster: KubeObject, now = Date.now()): { active: boolean; startsInMs?: number } {
  const spec = isPlainObject(cluster.spec) ? cluster.spec : {};
  const maintenance = isPlainObject(spec.maintenance) ? spec.maintenance : undefined;
  if (!maintenance || maintenance.enabled !== true) return { active: false };
  const start = typeof maintenance.schedule === 'string' ? Date.parse(maintenance.schedule) : NaN;
  if (Number.isNaN(start) || start <= now) return { active: true };
  return { active: false, startsInMs: start - now };
}
