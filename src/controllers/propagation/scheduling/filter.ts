// Filtering: which clusters can take the template at all. Checks run in Karmada's plugin order (API
// enablement, taint toleration, cluster affinity, spread-constraint properties); the first failure is the
// cluster's reason.

import { labelSelectorFromSpec, matchesLabels, SelectorError } from '../../../machinery/labels.js';
import { affinityMatcher, type ClusterMatcher } from './affinity.js';
import { clusterZones, effectiveTaints, type ClusterInfo } from './cluster-info.js';
import { findUntoleratedTaint, formatTaint } from './taints.js';
import type { ClusterAffinity, ClusterAffinityTerm, Placement, SpreadConstraint } from './types.js';

export interface FilterOptions {
  /** Clusters in the binding's current result: taints are not re-checked for them (eviction handles that). */
  scheduled?: string[];
  /** Evaluate exactly this `clusterAffinities` term. */
  affinityIndex?: number;
  /** The binding's observed affinity name: the search over `clusterAffinities` starts at that term. */
  observedAffinityName?: string;
  /** The template's apiVersion and kind, checked against clusters that report their installed APIs. */
  resource?: { apiVersion: string; kind: string };
}

export interface FilterResult {
  feasible: ClusterInfo[];
  /** Why each infeasible cluster was left out. */
  reasons: Record<string, string>;
  /** With `clusterAffinities`: the index of the term used, or -1 when no term left any cluster. */
  affinityIndex?: number;
}

export const AFFINITY_MISMATCH = 'cluster(s) did not match the placement cluster affinity constraint';

/** Where the search over `clusterAffinities` starts: the observed term, else the first. */
export function affinityTermStart(terms: ClusterAffinityTerm[], observedAffinityName: string | undefined): number {
  const index = observedAffinityName ? terms.findIndex((t) => t.affinityName === observedAffinityName) : -1;
  return index < 0 ? 0 : index;
}

function apiEnabled(cluster: ClusterInfo, resource: FilterOptions['resource']): boolean {
  if (!resource || !cluster.apiEnablements) return true;
  return cluster.apiEnablements.some((api) => api.groupVersion === resource.apiVersion && api.kinds.includes(resource.kind));
}

function missingSpreadProperty(cluster: ClusterInfo, constraints: SpreadConstraint[] | undefined): string | undefined {
  for (const constraint of constraints ?? []) {
    if (constraint.spreadByField === 'provider' && !cluster.provider) return "cluster(s) didn't have provider property";
    if (constraint.spreadByField === 'region' && !cluster.region) return "cluster(s) didn't have region property";
    if (constraint.spreadByField === 'zone' && clusterZones(cluster).length === 0) return "cluster(s) didn't have zone property";
    if (!constraint.spreadByField && constraint.spreadByLabel && !Object.hasOwn(cluster.labels, constraint.spreadByLabel)) {
      return `cluster(s) didn't have label ${constraint.spreadByLabel}`;
    }
  }
  return undefined;
}

/** What one filtering pass reads for every cluster, prepared once. */
interface Pass {
  placement: Placement | undefined;
  affinity: ClusterMatcher | undefined;
  scheduled: ReadonlySet<string>;
  resource: FilterOptions['resource'];
}

function rejection(cluster: ClusterInfo, pass: Pass): string | undefined {
  if (cluster.deleting) return 'cluster is being deleted';
  if (!apiEnabled(cluster, pass.resource)) return 'no such API resource';
  if (!pass.scheduled.has(cluster.name)) {
    const taint = findUntoleratedTaint(effectiveTaints(cluster), pass.placement?.clusterTolerations);
    if (taint) return `cluster(s) had untolerated taint {${formatTaint(taint)}}`;
  }
  if (pass.affinity && !pass.affinity(cluster)) return AFFINITY_MISMATCH;
  return missingSpreadProperty(cluster, pass.placement?.spreadConstraints);
}

function filterWith(
  placement: Placement | undefined,
  affinity: ClusterAffinity | undefined,
  clusters: ClusterInfo[],
  options: FilterOptions,
): FilterResult {
  const feasible: ClusterInfo[] = [];
  const reasons: Record<string, string> = {};
  const pass: Pass = { placement, affinity: affinity && affinityMatcher(affinity), scheduled: new Set(options.scheduled), resource: options.resource };
  for (const cluster of clusters) {
    const reason = rejection(cluster, pass);
    if (reason === undefined) feasible.push(cluster);
    else reasons[cluster.name] = reason;
  }
  return { feasible, reasons };
}

/**
 * The clusters that pass every filter. With ordered `clusterAffinities` (and no `clusterAffinity`, which wins
 * when both are set) the terms are tried in order from the observed one and the first term that leaves at
 * least one cluster is used; `affinityIndex` says which.
 */
export function feasibleClusters(
  placement: Placement | undefined,
  clusters: ClusterInfo[],
  options: FilterOptions = {},
): FilterResult {
  const terms = placement?.clusterAffinity ? undefined : placement?.clusterAffinities;
  if (!terms || terms.length === 0) return filterWith(placement, placement?.clusterAffinity, clusters, options);
  if (options.affinityIndex !== undefined) {
    return { ...filterWith(placement, terms[options.affinityIndex], clusters, options), affinityIndex: options.affinityIndex };
  }
  let first: FilterResult | undefined;
  for (let index = affinityTermStart(terms, options.observedAffinityName); index < terms.length; index++) {
    const result = filterWith(placement, terms[index], clusters, options);
    if (result.feasible.length > 0) return { ...result, affinityIndex: index };
    first ??= result;
  }
  return { ...(first ?? { feasible: [], reasons: {} }), affinityIndex: -1 };
}

/**
 * Seed `namespaceAffinity`: whether a template in `namespace` may be propagated by this policy. It says
 * nothing about clusters; the caller checks it against the template's namespace before scheduling.
 * Cluster-scoped templates (no namespace) are always allowed. `namespaceLabels` feeds `labelSelector`.
 */
export function namespaceAllowed(
  placement: Placement | undefined,
  namespace: string | undefined,
  namespaceLabels: Record<string, string> = {},
): boolean {
  const affinity = placement?.namespaceAffinity;
  if (!affinity || !namespace) return true;
  if (affinity.exclude?.includes(namespace)) return false;
  if (affinity.namespaces && affinity.namespaces.length > 0 && !affinity.namespaces.includes(namespace)) return false;
  if (!affinity.labelSelector) return true;
  try {
    return matchesLabels(labelSelectorFromSpec(affinity.labelSelector), namespaceLabels);
  } catch (err) {
    if (err instanceof SelectorError) return false;
    throw err;
  }
}
