// The kubelet-owned pod conditions (pkg/kubelet/status/generate.go) in the order the kubelet reports
// them: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled. A condition keeps
// its lastTransitionTime while its status does not change (status manager).

import type { ContainerStatus, Pod, PodCondition } from './types-core.js';
import { kubeTime } from './time.js';

type Cond = Omit<PodCondition, 'lastProbeTime' | 'lastTransitionTime'>;

function list(names: string[]): string {
  return `[${names.join(' ')}]`;
}

export function containersReadyCondition(pod: Pod, statuses: ContainerStatus[], phase: string): Cond {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const unready: string[] = [];
  const relevant = [...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...pod.spec.containers];
  for (const c of relevant) {
    const s = byName.get(c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${list(unready)}`);
  if (messages.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

export function readyCondition(pod: Pod, containersReady: Cond): Cond {
  if (containersReady.status !== 'True') {
    const c: Cond = { type: 'Ready', status: containersReady.status };
    if (containersReady.reason) c.reason = containersReady.reason;
    if (containersReady.message) c.message = containersReady.message;
    return c;
  }
  const unready: string[] = [];
  for (const gate of pod.spec.readinessGates ?? []) {
    const c = pod.status?.conditions?.find((x) => x.type === gate.conditionType);
    if (!c) unready.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') unready.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (unready.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: unready.join(', ') };
  return { type: 'Ready', status: 'True' };
}

export function initializedCondition(pod: Pod, initStatuses: ContainerStatus[], regularStarted: boolean, phase: string): Cond {
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const inits = pod.spec.initContainers ?? [];
  if (inits.length === 0 || regularStarted) return { type: 'Initialized', status: 'True' };
  const byName = new Map(initStatuses.map((s) => [s.name, s]));
  const incomplete: string[] = [];
  const unknown: string[] = [];
  for (const c of inits) {
    const s = byName.get(c.name);
    if (!s) unknown.push(c.name);
    else if (c.restartPolicy === 'Always' ? !s.started : s.state.terminated?.exitCode !== 0) incomplete.push(c.name);
  }
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  if (messages.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

/**
 * The full condition list: kubelet-owned conditions in kubelet order, other conditions (readiness
 * gates, DisruptionTarget, ...) kept first as the status manager merges them.
 */
export function kubeletConditions(pod: Pod, generated: Cond[], now: string): PodCondition[] {
  const old = pod.status?.conditions ?? [];
  const owned = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  const kept = old.filter((c) => !owned.has(c.type));
  const scheduled = old.find((c) => c.type === 'PodScheduled' && c.status === 'True');
  const all: Cond[] = [...generated, { type: 'PodScheduled', status: 'True' }];
  const out = all.map((c): PodCondition => {
    const prev = c.type === 'PodScheduled' ? scheduled : old.find((o) => o.type === c.type);
    const transition = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : kubeTime(now);
    const cond: PodCondition = { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: transition };
    if (c.reason) cond.reason = c.reason;
    if (c.message) cond.message = c.message;
    return cond;
  });
  return [...kept, ...out];
}
