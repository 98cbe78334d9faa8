// What the scheduler needs to know about a member cluster. The caller builds it from the cluster object
// (AttachedCluster / Cluster spec and status); nothing here reads the API.

import { isValidQuantity, parseQuantity } from '../../../machinery/quantity.js';
import { remembered } from '../../../machinery/remembered.js';

export type ResourceList = Record<string, string>;

export interface Taint {
  key: string;
  value?: string;
  /** NoSchedule, PreferNoSchedule or NoExecute. */
  effect: string;
}

export interface ClusterInfo {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  provider?: string;
  region?: string;
  /** Single zone; `zones` wins when both are set. */
  zone?: string;
  zones?: string[];
  /**
   * False makes the cluster carry the not-ready taint (NoSchedule) unless the caller already put a not-ready
   * or unreachable taint on it, so a toleration for that taint still admits it.
   */
  ready: boolean;
  /** A cluster being deleted is never a candidate. */
  deleting?: boolean;
  /** Resource summary of the cluster (sum over nodes): allocatable minus allocated minus allocating is free. */
  allocatable?: ResourceList;
  allocated?: ResourceList;
  allocating?: ResourceList;
  /** An estimate from elsewhere (e.g. a member-side estimator); the smaller of it and the summary wins. */
  available?: { replicas?: number };
  /** Installed APIs; undefined means unknown and skips the API check. */
  apiEnablements?: { groupVersion: string; kinds: string[] }[];
}

export const NOT_READY_TAINT_KEY = 'cluster.karmada.io/not-ready';
export const UNREACHABLE_TAINT_KEY = 'cluster.karmada.io/unreachable';

export function clusterZones(cluster: Pick<ClusterInfo, 'zone' | 'zones'>): string[] {
  if (cluster.zones && cluster.zones.length > 0) return cluster.zones;
  return cluster.zone ? [cluster.zone] : [];
}

/** The cluster's taints plus the implicit not-ready taint of a cluster that is not ready. */
export function effectiveTaints(cluster: ClusterInfo): Taint[] {
  if (cluster.ready) return cluster.taints;
  const marked = cluster.taints.some((t) => t.key === NOT_READY_TAINT_KEY || t.key === UNREACHABLE_TAINT_KEY);
  return marked ? cluster.taints : [...cluster.taints, { key: NOT_READY_TAINT_KEY, effect: 'NoSchedule' }];
}

/** Quantity in whole units (milli-units for cpu), rounded up like resource.Quantity's Value()/MilliValue(). */
function units(amount: number, resource: string): number {
  const scaled = resource === 'cpu' ? amount * 1000 : amount;
  const nearest = Math.round(scaled);
  // Decimal quantities like 0.1 carry binary noise; do not let it round 100 milli up to 101.
  return Math.abs(scaled - nearest) <= 1e-9 * Math.max(1, Math.abs(scaled)) ? nearest : Math.ceil(scaled);
}

/**
 * The quantity's value; undefined when the text is not a quantity. Remembered by text: a fleet's summaries
 * and a template's requests repeat the same few (invalid texts, rare, are parsed again each time).
 */
const quantityValue = remembered(10_000, (text): number | undefined => (isValidQuantity(text) ? parseQuantity(text) : undefined));

function amountOf(list: ResourceList | undefined, resource: string): number | undefined {
  const text = list?.[resource];
  return text === undefined ? undefined : quantityValue(text);
}

function free(cluster: ClusterInfo, resource: string): number | undefined {
  const allocatable = amountOf(cluster.allocatable, resource);
  if (allocatable === undefined) return undefined;
  return allocatable - (amountOf(cluster.allocated, resource) ?? 0) - (amountOf(cluster.allocating, resource) ?? 0);
}

function estimateFromSummary(cluster: ClusterInfo, podRequests: ResourceList | undefined): number {
  // Pods that still fit by count bound everything (a summary without `pods` fits none, as upstream).
  let max = Math.max(0, units(free(cluster, 'pods') ?? 0, 'pods'));
  if (max === 0) return 0;
  for (const [resource, text] of Object.entries(podRequests ?? {})) {
    const amount = quantityValue(text);
    if (amount === undefined) continue;
    const request = units(amount, resource);
    if (request <= 0) continue;
    const left = free(cluster, resource);
    if (left === undefined) return 0;
    const available = units(left, resource);
    if (available <= 0) return 0;
    max = Math.min(max, Math.floor(available / request));
  }
  return max;
}

/**
 * How many more replicas of a pod with `podRequests` (per-replica requests, e.g. {cpu: '250m', memory:
 * '64Mi'}) fit in the cluster, following Karmada's general estimator: free pods bound the count, and each
 * requested resource bounds it by floor(free / request) (cpu compared in milli-units). `available.replicas`,
 * when set, also bounds it. Undefined when the cluster reports neither (unknown capacity).
 */
export function availableReplicas(cluster: ClusterInfo, podRequests?: ResourceList): number | undefined {
  const fromSummary = cluster.allocatable ? estimateFromSummary(cluster, podRequests) : undefined;
  const reported = cluster.available?.replicas;
  if (reported === undefined) return fromSummary;
  const bounded = Math.max(0, Math.floor(reported));
  return fromSummary === undefined ? bounded : Math.min(fromSummary, bounded);
}
