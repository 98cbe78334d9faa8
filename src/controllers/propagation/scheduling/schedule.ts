// One scheduling decision for a binding: filter → select (spread constraints) → divide replicas.

import { availableReplicas, type ClusterInfo, type ResourceList } from './cluster-info.js';
import {
  divideAggregated,
  divideByDynamicWeight,
  divideByStaticWeight,
  divideDuplicated,
  type DivideResult,
} from './divide.js';
import { affinityTermStart, feasibleClusters } from './filter.js';
import { selectClusters, type CandidateCluster } from './spread.js';
import { divisionStrategy } from './strategy.js';
import type { Placement, TargetCluster } from './types.js';

export interface ScheduleInput {
  placement: Placement | undefined;
  /** The template's replicas; 0 for templates without replicas (ConfigMap, HelmRelease, ...). */
  replicas: number;
  /** Per-replica resource requests of the pod template. */
  podRequests?: ResourceList;
  clusters: ClusterInfo[];
  /** The binding's current `spec.clusters`. */
  previous?: TargetCluster[];
  /** Fixes the order that breaks exact ties; use the binding's UID. */
  tieBreakKey: string;
  /** A reschedule was requested: dynamic division starts over instead of adjusting `previous`. */
  fresh?: boolean;
  /** The binding's `status.schedulerObservingAffinityName`: the `clusterAffinities` search starts there. */
  observedAffinityName?: string;
  /** The template's apiVersion and kind, checked against the APIs clusters report. */
  resource?: { apiVersion: string; kind: string };
}

export type ScheduleResult =
  | { clusters: TargetCluster[]; affinityName?: string }
  | { error: string; noClusterFit?: boolean; reasons?: Record<string, string> };

const LOCALITY_SCORE = 100;

/** `0/3 clusters are available: 1 cluster(s) had untolerated taint {…}, 2 cluster(s) did not match ….` */
function noFitMessage(total: number, reasons: Record<string, string>): string {
  const counts = new Map<string, number>();
  for (const reason of Object.values(reasons)) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  return histogram.length > 0
    ? `0/${total} clusters are available: ${histogram.join(', ')}.`
    : `0/${total} clusters are available.`;
}

function divide(input: ScheduleInput, selected: ClusterInfo[]): DivideResult {
  const strategy = divisionStrategy(input.placement?.replicaScheduling);
  switch (strategy.type) {
    case 'Duplicated':
      return { clusters: divideDuplicated(selected.map((c) => c.name), input.replicas) };
    case 'StaticWeight':
      return { clusters: divideByStaticWeight(selected, strategy.weights, input.replicas, input.tieBreakKey) };
    case 'DynamicWeight':
    case 'Aggregated': {
      // An unknown estimate does not limit the cluster.
      const available = selected.map((c) => ({ name: c.name, replicas: availableReplicas(c, input.podRequests) ?? input.replicas }));
      const request = { replicas: input.replicas, available, previous: input.previous, fresh: input.fresh, tieBreakKey: input.tieBreakKey };
      return strategy.type === 'Aggregated' ? divideAggregated(request) : divideByDynamicWeight(request);
    }
  }
}

function scheduleWith(input: ScheduleInput, affinityIndex: number | undefined): ScheduleResult {
  const previous = input.previous ?? [];
  const filtered = feasibleClusters(input.placement, input.clusters, {
    scheduled: previous.map((c) => c.name),
    affinityIndex,
    resource: input.resource,
  });
  if (filtered.feasible.length === 0) {
    return { error: noFitMessage(input.clusters.length, filtered.reasons), noClusterFit: true, reasons: filtered.reasons };
  }

  const running = new Map(previous.map((c) => [c.name, c.replicas]));
  const anyRunning = previous.some((c) => c.replicas > 0);
  const candidates: CandidateCluster[] = filtered.feasible.map((cluster) => ({
    cluster,
    score: anyRunning && running.has(cluster.name) ? LOCALITY_SCORE : 0,
    availableReplicas: (availableReplicas(cluster, input.podRequests) ?? input.replicas) + (running.get(cluster.name) ?? 0),
  }));
  const selection = selectClusters(input.placement, candidates, input.replicas);
  if ('error' in selection) return selection;
  if (selection.clusters.length === 0) return { error: 'no clusters available to schedule' };

  // Templates without replicas go to every selected cluster as they are.
  if (input.replicas <= 0) return { clusters: divideDuplicated(selection.clusters.map((c) => c.name), 0) };
  return divide(input, selection.clusters);
}

/**
 * Decides `spec.clusters` for a binding. With ordered `clusterAffinities` the whole decision is tried per
 * term, from the observed term on; the first term that schedules wins and is returned as `affinityName`.
 * When every term fails, the first failure is returned.
 */
export function scheduleBinding(input: ScheduleInput): ScheduleResult {
  const terms = input.placement?.clusterAffinity ? undefined : input.placement?.clusterAffinities;
  if (!terms || terms.length === 0) return scheduleWith(input, undefined);
  let firstFailure: ScheduleResult | undefined;
  for (let index = affinityTermStart(terms, input.observedAffinityName); index < terms.length; index++) {
    const result = scheduleWith(input, index);
    if ('clusters' in result) return { ...result, affinityName: terms[index].affinityName };
    firstFailure ??= result;
  }
  return firstFailure!;
}
