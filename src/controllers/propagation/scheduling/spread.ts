// Spread constraints: choosing which feasible clusters the workload goes to. Without constraints (or with
// static weights, which ignore them) every feasible cluster is selected. With only a `cluster` constraint the
// top-scored clusters are taken, swapping in clusters with more room when the replicas would not fit. With a
// group constraint (region, zone, provider, or a label) groups are chosen first, then the best cluster of
// each group, then the best remaining clusters up to the `cluster` constraint's maxGroups.

import { ownValue } from '../../../machinery/object.js';
import { clusterZones, type ClusterInfo } from './cluster-info.js';
import { selectGroups, type TopologyGroup } from './select-groups.js';
import { divisionStrategy } from './strategy.js';
import type { Placement, SpreadConstraint } from './types.js';

export interface CandidateCluster {
  cluster: ClusterInfo;
  /** Higher is better (Karmada scores 100 for clusters already holding the workload, else 0). */
  score: number;
  /** Replicas the cluster can hold: its estimate plus what it runs for this binding now. */
  availableReplicas: number;
}

export type SpreadResult = { clusters: ClusterInfo[] } | { error: string };

interface Normalized {
  field?: 'cluster' | 'region' | 'zone' | 'provider';
  label?: string;
  minGroups: number;
  /** 0: no upper bound. */
  maxGroups: number;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function normalize(constraint: SpreadConstraint): Normalized {
  const field = constraint.spreadByField ?? (constraint.spreadByLabel ? undefined : 'cluster');
  return {
    field,
    label: field ? undefined : constraint.spreadByLabel,
    minGroups: constraint.minGroups && constraint.minGroups > 0 ? constraint.minGroups : 1,
    maxGroups: constraint.maxGroups && constraint.maxGroups > 0 ? constraint.maxGroups : 0,
  };
}

function sortCandidates(candidates: CandidateCluster[], byRoom = false): CandidateCluster[] {
  return [...candidates].sort(
    (a, b) =>
      b.score - a.score || (byRoom ? b.availableReplicas - a.availableReplicas : 0) || byName(a.cluster.name, b.cluster.name),
  );
}

function total(candidates: CandidateCluster[]): number {
  return candidates.reduce((sum, c) => sum + c.availableReplicas, 0);
}

/** Keep the top `count`; while they cannot hold `replicas`, swap the lowest-ranked for a roomier outsider. */
function swapInRoom(sorted: CandidateCluster[], count: number, replicas: number): CandidateCluster[] {
  const chosen = sorted.slice(0, count);
  const rest = sorted.slice(count);
  for (let slot = chosen.length - 1; slot >= 0 && total(chosen) < replicas; slot--) {
    let pick = -1;
    let room = chosen[slot].availableReplicas;
    rest.forEach((c, i) => {
      if (c.availableReplicas > room) {
        pick = i;
        room = c.availableReplicas;
      }
    });
    if (pick < 0) continue;
    [chosen[slot], rest[pick]] = [rest[pick], chosen[slot]];
  }
  return total(chosen) >= replicas ? chosen : [];
}

function selectByCluster(sorted: CandidateCluster[], constraint: Normalized, replicas: number | undefined): SpreadResult {
  if (sorted.length < constraint.minGroups) {
    return { error: 'the number of feasible clusters is less than spreadConstraint.MinGroups' };
  }
  const count = constraint.maxGroups > 0 ? Math.min(sorted.length, constraint.maxGroups) : sorted.length;
  const chosen = replicas === undefined ? sorted.slice(0, count) : swapInRoom(sorted, count, replicas);
  if (chosen.length === 0) return { error: `no enough resource when selecting ${count} clusters` };
  return { clusters: chosen.map((c) => c.cluster) };
}

function groupKey(cluster: ClusterInfo, constraint: Normalized): string | undefined {
  switch (constraint.field) {
    case 'region':
      return cluster.region || undefined;
    case 'provider':
      return cluster.provider || undefined;
    case 'zone':
      return clusterZones(cluster)[0];
    default:
      return constraint.label !== undefined ? ownValue(cluster.labels, constraint.label) : undefined;
  }
}

function selectByGroups(
  sorted: CandidateCluster[],
  groupConstraint: Normalized,
  clusterConstraint: Normalized | undefined,
): SpreadResult {
  const members = new Map<string, CandidateCluster[]>();
  for (const candidate of sorted) {
    const key = groupKey(candidate.cluster, groupConstraint);
    if (key === undefined) continue;
    members.set(key, [...(members.get(key) ?? []), candidate]);
  }
  const what = groupConstraint.field ?? `label ${groupConstraint.label}`;
  if (members.size < groupConstraint.minGroups) {
    return { error: `the number of feasible ${what} groups is less than spreadConstraint.MinGroups` };
  }
  const groups: TopologyGroup[] = [...members].map(([name, list]) => ({ name, clusters: list.length, score: list[0].score }));
  const maxGroups = groupConstraint.maxGroups > 0 ? groupConstraint.maxGroups : groups.length;
  const chosen = selectGroups(groups, groupConstraint.minGroups, maxGroups, clusterConstraint?.minGroups ?? 0);
  if (!chosen) return { error: 'the number of clusters is less than the cluster spreadConstraint.MinGroups' };

  // The best cluster of every chosen group, then the best of the rest up to the cluster constraint's maximum.
  const picked = chosen.map((g) => members.get(g.name)![0]);
  const others = chosen.flatMap((g) => members.get(g.name)!.slice(1));
  const limit = !clusterConstraint ? picked.length : clusterConstraint.maxGroups > 0 ? clusterConstraint.maxGroups : Infinity;
  const more = Math.max(0, Math.min(picked.length + others.length, limit) - picked.length);
  const extra = sortCandidates(others, true).slice(0, more);
  return { clusters: [...picked, ...extra].map((c) => c.cluster) };
}

/**
 * Selects clusters for the binding from the feasible candidates. `replicas` is the binding's replica count;
 * it is ignored for Duplicated placements (every selected cluster runs them all anyway).
 */
export function selectClusters(placement: Placement | undefined, candidates: CandidateCluster[], replicas: number): SpreadResult {
  const sorted = sortCandidates(candidates);
  const strategy = divisionStrategy(placement?.replicaScheduling);
  const constraints = (placement?.spreadConstraints ?? []).map(normalize);
  if (constraints.length === 0 || strategy.type === 'StaticWeight') return { clusters: sorted.map((c) => c.cluster) };

  const clusterConstraint = constraints.find((c) => c.field === 'cluster');
  const groupConstraint =
    constraints.find((c) => c.field === 'region') ??
    constraints.find((c) => c.field === 'zone') ??
    constraints.find((c) => c.field === 'provider') ??
    constraints.find((c) => c.label !== undefined);
  if (groupConstraint) return selectByGroups(sorted, groupConstraint, clusterConstraint);
  return selectByCluster(sorted, clusterConstraint!, strategy.type === 'Duplicated' ? undefined : replicas);
}
