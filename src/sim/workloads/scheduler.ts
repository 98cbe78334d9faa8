// The default scheduler's decision for one pod: PreFilter (node affinity pinning by metadata.name),
// Filter (scheduler-filters.ts), DefaultPreemption's dry run when nothing fits, and a deterministic
// pick among feasible nodes (NodeResourcesFit LeastAllocated score over cpu and memory, ties by name;
// upstream breaks ties randomly). Also the pod status pieces the scheduler writes.

import type { KubeObject } from '../../machinery/object.js';
import { pinnedNodeNames } from './node-affinity.js';
import { isPodTerminal } from './pod-util.js';
import { nodeAllocatable, podNonZeroRequests, sumRequests } from './resources.js';
import { runFilters, type FilterStatus, type NodeInfo } from './scheduler-filters.js';
import {
  fitErrorMessage,
  NO_NODES_AVAILABLE,
  NO_PREEMPTION_VICTIMS,
  PREEMPTION_POLICY_NEVER,
  preemptionFailedMessage,
} from './scheduler-message.js';
import type { Node, Pod, PodCondition, SimEvent } from './types-core.js';
import { kubeTime } from './time.js';

export type ScheduleResult =
  | { nodeName: string }
  | {
      reason: 'Unschedulable' | 'SchedulingGated';
      message: string;
      /** Preemption found room: the scheduler nominates this node and deletes the victims. */
      nominatedNodeName?: string;
      victims?: Pod[];
    };

export type PodsByNode = ReadonlyMap<string, readonly Pod[]> | Readonly<Record<string, readonly Pod[]>>;

function podsOn(podsByNode: PodsByNode, name: string): Pod[] {
  const list: readonly Pod[] | undefined =
    podsByNode instanceof Map ? podsByNode.get(name) : (podsByNode as Readonly<Record<string, readonly Pod[]>>)[name];
  // The scheduler's cache holds assigned, non-terminal pods only.
  return (list ?? []).filter((p) => !isPodTerminal(p));
}

const priorityOf = (p: Pod): number => p.spec.priority ?? 0;

/** NodeResourcesFit LeastAllocated: mean over cpu and memory of free/allocatable × 100, integer math. */
function leastAllocatedScore(pod: Pod, info: NodeInfo): number {
  const alloc = nodeAllocatable(info.node);
  const requested = sumRequests([...info.pods, pod], podNonZeroRequests);
  let total = 0;
  let weights = 0;
  for (const r of ['cpu', 'memory']) {
    const capacity = alloc.get(r) ?? 0;
    if (capacity === 0) continue;
    const used = requested.get(r) ?? 0;
    total += used > capacity ? 0 : Math.floor(((capacity - used) * 100) / capacity);
    weights++;
  }
  return weights ? Math.floor(total / weights) : 0;
}

interface PreemptionCandidate {
  nodeName: string;
  victims: Pod[];
}

/** DefaultPreemption's dry run on one node: the minimal set of lower-priority victims, or why none works. */
function selectVictims(pod: Pod, info: NodeInfo): PreemptionCandidate | FilterStatus {
  const lower = info.pods.filter((p) => priorityOf(p) < priorityOf(pod));
  if (lower.length === 0) return { code: 'UnschedulableAndUnresolvable', reasons: [NO_PREEMPTION_VICTIMS] };
  const remaining = info.pods.filter((p) => !lower.includes(p));
  const failure = runFilters(pod, { node: info.node, pods: remaining });
  if (failure) return failure;
  // Reprieve the most important victims first while the pod still fits.
  const ordered = [...lower].sort((a, b) => priorityOf(b) - priorityOf(a) || (a.status?.startTime ?? '').localeCompare(b.status?.startTime ?? ''));
  const victims: Pod[] = [];
  for (const p of ordered) {
    if (runFilters(pod, { node: info.node, pods: [...remaining, p] })) victims.push(p);
    else remaining.push(p);
  }
  return { nodeName: info.node.metadata.name ?? '', victims };
}

function pickCandidate(candidates: PreemptionCandidate[]): PreemptionCandidate {
  const key = (c: PreemptionCandidate): number[] => [
    Math.max(...c.victims.map(priorityOf), Number.MIN_SAFE_INTEGER),
    c.victims.reduce((s, v) => s + priorityOf(v), 0),
    c.victims.length,
  ];
  return [...candidates].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.nodeName < b.nodeName ? -1 : 1;
  })[0]!;
}

export function schedulePod(pod: Pod, nodes: readonly Node[], podsByNode: PodsByNode): ScheduleResult {
  if (pod.spec.nodeName) return { nodeName: pod.spec.nodeName };
  const gates = pod.spec.schedulingGates;
  if (Array.isArray(gates) && gates.length > 0) {
    return { reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' };
  }
  if (nodes.length === 0) return { reason: 'Unschedulable', message: NO_NODES_AVAILABLE };
  const infos: NodeInfo[] = [...nodes]
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
    .map((node) => ({ node, pods: podsOn(podsByNode, node.metadata.name ?? '') }));

  // PreFilter: required node affinity on metadata.name narrows the candidate nodes.
  const pinned = pinnedNodeNames(pod);
  const statuses = new Map<string, FilterStatus>();
  let absentStatus: FilterStatus | undefined;
  let preFilterMsg: string | undefined;
  let candidates = infos;
  if (pinned) {
    if (pinned.size === 0) {
      preFilterMsg = 'pod affinity terms conflict';
      candidates = [];
    } else {
      candidates = infos.filter((i) => pinned.has(i.node.metadata.name ?? ''));
      absentStatus = { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"] };
    }
  }

  const feasible: NodeInfo[] = [];
  for (const info of candidates) {
    const status = runFilters(pod, info);
    if (status) statuses.set(info.node.metadata.name ?? '', status);
    else feasible.push(info);
  }
  if (feasible.length > 0) {
    const scored = feasible.map((info) => ({ name: info.node.metadata.name ?? '', score: leastAllocatedScore(pod, info) }));
    scored.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1));
    return { nodeName: scored[0]!.name };
  }

  const diagnosis = { numAllNodes: infos.length, preFilterMsg, nodeStatuses: statuses, absentStatus };
  if (pod.spec.preemptionPolicy === 'Never') {
    return { reason: 'Unschedulable', message: fitErrorMessage({ ...diagnosis, postFilterMsg: PREEMPTION_POLICY_NEVER }) };
  }
  const failed = new Map<string, FilterStatus>();
  const found: PreemptionCandidate[] = [];
  for (const info of infos) {
    const name = info.node.metadata.name ?? '';
    if (statuses.get(name)?.code !== 'Unschedulable') continue;
    const r = selectVictims(pod, info);
    if ('nodeName' in r) found.push(r);
    else failed.set(name, r);
  }
  if (found.length > 0) {
    const best = pickCandidate(found);
    return { reason: 'Unschedulable', message: fitErrorMessage(diagnosis), nominatedNodeName: best.nodeName, victims: best.victims };
  }
  return { reason: 'Unschedulable', message: fitErrorMessage({ ...diagnosis, postFilterMsg: preemptionFailedMessage(infos.length, failed) }) };
}

/** The PodScheduled condition after a failed attempt (lastTransitionTime kept while the status stays False). */
export function podScheduledFalseCondition(reason: string, message: string, now: string, previous?: PodCondition): PodCondition {
  const keep = previous?.type === 'PodScheduled' && previous.status === 'False' && previous.lastTransitionTime;
  return {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: keep ? previous.lastTransitionTime : kubeTime(now),
    reason,
    message,
  };
}

/** The PodScheduled condition the API server's binding subresource sets. */
export function podScheduledTrueCondition(now: string): PodCondition {
  return { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: kubeTime(now) };
}

/** The pod's status.conditions with one condition replaced (or appended). */
export function withPodCondition(conditions: readonly PodCondition[] | undefined, condition: PodCondition): PodCondition[] {
  const out = (conditions ?? []).filter((c) => c.type !== condition.type);
  const index = (conditions ?? []).findIndex((c) => c.type === condition.type);
  if (index < 0) return [...out, condition];
  out.splice(index, 0, condition);
  return out;
}

/** POST pods/<name>/binding body. */
export function bindingFor(pod: Pod, nodeName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
    target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
  };
}

const EVENT_NOTE_LIMIT = 1024;

export function schedulingEvent(pod: Pod, result: ScheduleResult): SimEvent {
  if ('nodeName' in result) {
    return { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.nodeName}` };
  }
  const message = result.message.length > EVENT_NOTE_LIMIT ? `${result.message.slice(0, EVENT_NOTE_LIMIT - 3)}...` : result.message;
  return { type: 'Warning', reason: 'FailedScheduling', message };
}
