// Replica division: pure functions from candidate clusters (and the previous result) to `spec.clusters`.
// Results list only clusters that get replicas, sorted by name. Exact ties are broken by a per-binding name
// order derived from `tieBreakKey` (the binding's UID), see webster.ts.

import { affinityMatcher, type ClusterMatcher } from './affinity.js';
import type { ClusterInfo } from './cluster-info.js';
import type { StaticClusterWeight, TargetCluster } from './types.js';
import { allocateWebsterSeats, tieBreakOrder } from './webster.js';

export type DivideResult = { clusters: TargetCluster[] } | { error: string };

const byName = (a: TargetCluster, b: TargetCluster): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function withReplicas(result: TargetCluster[]): TargetCluster[] {
  return result.filter((c) => c.replicas > 0).sort(byName);
}

function sum(clusters: TargetCluster[]): number {
  return clusters.reduce((total, c) => total + c.replicas, 0);
}

function toRecord(clusters: TargetCluster[]): Record<string, number> {
  return Object.fromEntries(clusters.map((c) => [c.name, c.replicas]));
}

/** Every cluster runs the full replica count. */
export function divideDuplicated(clusters: string[], replicas: number): TargetCluster[] {
  return clusters.map((name) => ({ name, replicas })).sort(byName);
}

/** An entry that picks clusters by name alone (the usual shape of a static weight list). */
function namesOnly(target: StaticClusterWeight['targetCluster']): boolean {
  return (target.clusterNames?.length ?? 0) > 0 && !target.exclude?.length && !target.labelSelector && !target.fieldSelector?.matchExpressions?.length;
}

/**
 * A cluster's static weight: the largest weight among the entries whose targetCluster matches it (0 if
 * none). The list is read once: entries that only name clusters are looked up by name, the others matched
 * per cluster — a list with an entry per cluster costs one pass, not one pass per cluster.
 */
export function staticWeigher(weights: StaticClusterWeight[]): (cluster: ClusterInfo) => number {
  const byName = new Map<string, number>();
  const matched: { matches: ClusterMatcher; weight: number }[] = [];
  for (const w of weights) {
    if (namesOnly(w.targetCluster)) for (const name of w.targetCluster.clusterNames!) byName.set(name, Math.max(byName.get(name) ?? 0, w.weight));
    else matched.push({ matches: affinityMatcher(w.targetCluster), weight: w.weight });
  }
  return (cluster) => {
    let max = byName.get(cluster.name) ?? 0;
    for (const entry of matched) if (entry.matches(cluster)) max = Math.max(max, entry.weight);
    return max;
  };
}

/**
 * Static weights, apportioned by Webster. Clusters with weight 0 (no matching entry, or an explicit seed
 * weight of 0) get nothing; when no cluster has a positive weight, or `weights` is undefined, every cluster
 * weighs 1. Capacity is not considered.
 */
export function divideByStaticWeight(
  clusters: ClusterInfo[],
  weights: StaticClusterWeight[] | undefined,
  replicas: number,
  tieBreakKey: string,
): TargetCluster[] {
  const votes: Record<string, number> = {};
  const weightOf = weights ? staticWeigher(weights) : () => 0;
  for (const cluster of clusters) {
    const weight = weightOf(cluster);
    if (weight > 0) votes[cluster.name] = weight;
  }
  if (Object.keys(votes).length === 0) for (const cluster of clusters) votes[cluster.name] = 1;
  const parties = allocateWebsterSeats(replicas, votes, {}, tieBreakOrder(tieBreakKey));
  return withReplicas(parties.map((p) => ({ name: p.name, replicas: p.seats })));
}

export interface AvailableDivideInput {
  replicas: number;
  /** Every candidate cluster with how many more replicas it can take. */
  available: TargetCluster[];
  /** The binding's current `spec.clusters`. */
  previous?: TargetCluster[];
  /** Recompute from scratch (a reschedule was requested): availability plus current replicas is the weight. */
  fresh?: boolean;
  tieBreakKey: string;
}

/** Descending by replicas, then by name, so equal inputs give equal orders. */
function byReplicasDesc(clusters: TargetCluster[]): TargetCluster[] {
  return [...clusters].sort((a, b) => b.replicas - a.replicas || byName(a, b));
}

/** Clusters already running replicas go first, so Aggregated keeps using them. */
function previousFirst(weights: TargetCluster[], scheduled: TargetCluster[]): TargetCluster[] {
  const used = new Set(scheduled.filter((c) => c.replicas > 0).map((c) => c.name));
  return [...weights.filter((c) => used.has(c.name)), ...weights.filter((c) => !used.has(c.name))];
}

/** The shortest prefix whose capacity covers `target`. */
function fewestCovering(weights: TargetCluster[], target: number): TargetCluster[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i].replicas;
    if (total >= target) return weights.slice(0, i + 1);
  }
  return weights;
}

function divideByAvailability(input: AvailableDivideInput, aggregated: boolean): DivideResult {
  const candidates = new Set(input.available.map((c) => c.name));
  // Clusters that are no longer candidates lose their replicas; those count as replicas to place again.
  const scheduled = (input.previous ?? []).filter((c) => candidates.has(c.name) && c.replicas > 0);
  const assigned = sum(scheduled);
  let target: number;
  let weights: TargetCluster[];
  let initial: TargetCluster[] = [];
  if (input.fresh) {
    // A Map: a cluster may be named 'constructor', which a plain object would answer with its prototype's.
    const current = new Map(scheduled.map((c) => [c.name, c.replicas]));
    target = input.replicas;
    weights = input.available.map((c) => ({ name: c.name, replicas: c.replicas + (current.get(c.name) ?? 0) }));
  } else if (assigned > input.replicas) {
    // Scale down in proportion to what each cluster runs now.
    target = input.replicas;
    weights = scheduled;
  } else if (assigned < input.replicas) {
    // Scale up: only the extra replicas are placed, on top of the current ones (first scheduling included).
    target = input.replicas - assigned;
    weights = input.available;
    initial = scheduled;
  } else {
    return { clusters: withReplicas(scheduled) };
  }
  weights = byReplicasDesc(weights);
  const capacity = sum(weights);
  if (capacity < target) return { error: `Clusters available replicas ${capacity} are not enough to schedule.` };
  if (aggregated) weights = fewestCovering(previousFirst(weights, initial), target);
  const parties = allocateWebsterSeats(target, toRecord(weights), toRecord(initial), tieBreakOrder(input.tieBreakKey));
  return { clusters: withReplicas(parties.map((p) => ({ name: p.name, replicas: p.seats }))) };
}

/** Dynamic weight `AvailableReplicas`: each cluster weighs what it can still take. */
export function divideByDynamicWeight(input: AvailableDivideInput): DivideResult {
  return divideByAvailability(input, false);
}

/**
 * Aggregated: as few clusters as possible. Clusters already in use come first, then the ones with the most
 * room; the shortest such prefix that can hold the replicas is kept and split by availability within it.
 */
export function divideAggregated(input: AvailableDivideInput): DivideResult {
  return divideByAvailability(input, true);
}
