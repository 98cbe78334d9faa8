// What the scheduler and the override rules need to know about each registered member cluster, read from
// AttachedCluster / seed Cluster objects (labels, status written by the cluster controller).

import { statusCondition } from '../../machinery/conditions.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { conditionTrue } from '../common/conditions.js';
import type { ClusterInfo } from './scheduling/index.js';

const isReady = (cluster: KubeObject): boolean => conditionTrue(cluster, 'Ready');

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

/** Maintenance (seed Cluster spec.maintenance), shared with the cluster controller that reports it. */
export { maintenanceState } from '../common/maintenance.js';

const FAILOVER_TAINTS = ['cluster.karmada.io/not-ready', 'cluster.karmada.io/unreachable'];

/**
 * Cluster failover: a cluster NotReady for longer than the placement tolerates (a NoExecute toleration of
 * the not-ready/unreachable taint with tolerationSeconds, else the default) loses its placements.
 * Returns whether that time has passed, or how long until it does.
 */
export function failoverState(cluster: KubeObject, tolerations: unknown, defaultSeconds: number, now = Date.now()): { evict: boolean; inMs?: number } {
  const ready = statusCondition(cluster, 'Ready');
  if (!ready || ready.status === 'True') return { evict: false };
  const since = typeof ready.lastTransitionTime === 'string' ? Date.parse(ready.lastTransitionTime) : Number.NaN;
  if (Number.isNaN(since)) return { evict: false };
  let seconds = defaultSeconds;
  for (const toleration of Array.isArray(tolerations) ? (tolerations as { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[]) : []) {
    const matchesKey = toleration.operator === 'Exists' && !toleration.key ? true : FAILOVER_TAINTS.includes(toleration.key ?? '');
    if (!matchesKey || (toleration.effect && toleration.effect !== 'NoExecute')) continue;
    seconds = toleration.tolerationSeconds === undefined ? Infinity : toleration.tolerationSeconds;
  }
  const remaining = since + seconds * 1000 - now;
  return remaining <= 0 ? { evict: true } : { evict: false, inMs: remaining };
}
