// Pod predicates shared by the controllers (k8s.io/kubernetes/pkg/api/v1/pod and controller_utils).

import type { Pod, PodCondition } from './types-core.js';
import { toMillis } from './time.js';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds (strictly earlier than now, as upstream's Before). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: string): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (!since) return false;
  return toMillis(since) + minReadySeconds * 1000 < toMillis(now);
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Not terminal and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function isPodTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

/** Being deleted but not yet terminal (controller.CountTerminatingPods). */
export function isPodTerminatingActive(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp && !isPodTerminal(pod);
}

/** Seconds until a ready pod becomes available, or undefined when it already is (or is not ready). */
export function secondsUntilAvailable(pod: Pod, minReadySeconds: number, now: string): number | undefined {
  if (!minReadySeconds || !isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (!since) return minReadySeconds;
  return Math.max(1, Math.ceil((toMillis(since) + minReadySeconds * 1000 - toMillis(now)) / 1000));
}

/** Order by creation time, then name: the tie-break every controller uses for determinism. */
export function byCreation<T extends { metadata: { creationTimestamp?: string; name?: string } }>(a: T, b: T): number {
  const ta = a.metadata.creationTimestamp ? toMillis(a.metadata.creationTimestamp) : 0;
  const tb = b.metadata.creationTimestamp ? toMillis(b.metadata.creationTimestamp) : 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
}
