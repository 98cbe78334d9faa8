// The FailedScheduling text: kube-scheduler's FitError ("0/N nodes are available: ...") followed by the
// DefaultPreemption PostFilter's own FitError after "preemption: ". Reasons are counted per node and
// printed as "<count> <reason>", sorted as strings (so "10 x" sorts before "2 y", as upstream).

import type { FilterStatus } from './scheduler-filters.js';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface Diagnosis {
  numAllNodes: number;
  /** Set when a PreFilter plugin rejected the pod for every node. */
  preFilterMsg?: string;
  /** Statuses of the nodes that were filtered. */
  nodeStatuses: ReadonlyMap<string, FilterStatus>;
  /** Status of every node not in nodeStatuses (nodes a PreFilter result excluded). */
  absentStatus?: FilterStatus;
  postFilterMsg?: string;
}

export function fitErrorMessage(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const status of d.nodeStatuses.values()) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const absent = d.numAllNodes - d.nodeStatuses.size;
    if (absent > 0 && d.absentStatus) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** The PostFilter message of a preemption attempt that found no candidate node. */
export function preemptionFailedMessage(numAllNodes: number, failedNodes: ReadonlyMap<string, FilterStatus>): string {
  const inner = fitErrorMessage({
    numAllNodes,
    nodeStatuses: failedNodes,
    absentStatus: { code: 'UnschedulableAndUnresolvable', reasons: [PREEMPTION_NOT_HELPFUL] },
  });
  return `preemption: ${inner}`;
}

export const PREEMPTION_POLICY_NEVER = 'preemption: not eligible due to preemptionPolicy=Never.';
