// Pod status as a kubelet on a simulated node reports it, stage by stage. The caller decides when each
// stage happens (its readiness delay, a Job pod's run time); these functions only produce the status to
// write to pods/<name>/status.
//
//   creating  bound, sandbox up, containers being created (phase Pending)
//   started   containers running, not yet ready (phase Running)
//   ready     containers running and ready (phase Running)
//   finished  a run-to-completion pod's containers exited (see finishedPodStatus)

import { containerStatus, sortByName } from './container-status.js';
import { containersReadyCondition, initializedCondition, kubeletConditions, readyCondition } from './pod-conditions.js';
import { qosClass } from './resources.js';
import type { Container, ContainerState, ContainerStatus, Pod, PodStatus } from './types-core.js';
import { kubeTime } from './time.js';

export const FAIL_ANNOTATION = 'sim.kurator.dev/fail';

export type RunningStage = 'creating' | 'started' | 'ready';

export interface PodAddresses {
  /** Allocated by the caller's IPAM. */
  podIP: string;
  /** The node's InternalIP. */
  hostIP: string;
}

function previousStatus(pod: Pod, name: string, init: boolean): ContainerStatus | undefined {
  return (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses)?.find((s) => s.name === name);
}

function startedAt(pod: Pod, c: Container, init: boolean, now: string): string {
  return previousStatus(pod, c.name, init)?.state.running?.startedAt ?? kubeTime(now);
}

/** The pod runs to completion rather than being restarted forever. */
export function runsToCompletion(pod: Pod): boolean {
  return pod.spec.restartPolicy === 'Never' || pod.spec.restartPolicy === 'OnFailure';
}

export function podShouldFail(pod: Pod): boolean {
  return pod.metadata.annotations?.[FAIL_ANNOTATION] === 'true';
}

function baseStatus(pod: Pod, phase: string, addresses: PodAddresses | undefined, now: string): PodStatus {
  const status: PodStatus = { phase };
  const hostIP = addresses?.hostIP ?? pod.status?.hostIP;
  const podIP = addresses?.podIP ?? pod.status?.podIP;
  if (hostIP) {
    status.hostIP = hostIP;
    status.hostIPs = [{ ip: hostIP }];
  }
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = pod.status?.startTime ?? kubeTime(now);
  status.qosClass = pod.status?.qosClass ?? qosClass(pod);
  return status;
}

function initStatusesWhileRunning(pod: Pod, stage: RunningStage, now: string): ContainerStatus[] {
  return (pod.spec.initContainers ?? []).map((c) => {
    const restartCount = previousStatus(pod, c.name, true)?.restartCount ?? 0;
    if (stage === 'creating') {
      return containerStatus({ pod, container: c, state: { waiting: { reason: 'PodInitializing' } }, ready: false, started: false, restartCount, created: false });
    }
    if (c.restartPolicy === 'Always') {
      const state: ContainerState = { running: { startedAt: startedAt(pod, c, true, now) } };
      return containerStatus({ pod, container: c, state, ready: stage === 'ready', started: true, restartCount, created: true });
    }
    const prev = previousStatus(pod, c.name, true)?.state.terminated;
    const t = kubeTime(now);
    const state: ContainerState = {
      terminated: prev ?? { exitCode: 0, reason: 'Completed', startedAt: t, finishedAt: t },
    };
    const s = containerStatus({ pod, container: c, state, ready: true, started: false, restartCount, created: true });
    if (!prev) state.terminated!.containerID = s.containerID;
    return s;
  });
}

/** Status for a bound pod at one of the running stages. */
export function runningPodStatus(pod: Pod, stage: RunningStage, addresses: PodAddresses, now: string): PodStatus {
  const hasInit = (pod.spec.initContainers ?? []).length > 0;
  const initStatuses = initStatusesWhileRunning(pod, stage, now);
  const statuses = sortByName(
    pod.spec.containers.map((c) => {
      const prev = previousStatus(pod, c.name, false);
      const restartCount = prev?.restartCount ?? 0;
      const lastState = prev?.lastState ?? {};
      if (stage === 'creating') {
        const reason = hasInit ? 'PodInitializing' : 'ContainerCreating';
        return containerStatus({ pod, container: c, state: { waiting: { reason } }, ready: false, started: false, restartCount, lastState, created: false });
      }
      const state: ContainerState = { running: { startedAt: prev?.state.running?.startedAt ?? kubeTime(now) } };
      return containerStatus({ pod, container: c, state, ready: stage === 'ready', started: true, restartCount, lastState, created: true });
    }),
  );
  const phase = stage === 'creating' ? 'Pending' : 'Running';
  return assembleStatus(pod, { phase, addresses, readyToStart: true, initStatuses, initDone: stage !== 'creating', statuses, readinessOf: [...initStatuses, ...statuses] }, now);
}

interface StatusParts {
  phase: string;
  addresses: PodAddresses | undefined;
  readyToStart: boolean;
  initStatuses: ContainerStatus[];
  initDone: boolean;
  statuses: ContainerStatus[];
  /** The containers whose readiness makes ContainersReady (sidecar init containers count while running). */
  readinessOf: ContainerStatus[];
}

/** The pod status the kubelet reports: base fields, its four conditions, and the container statuses. */
function assembleStatus(pod: Pod, parts: StatusParts, now: string): PodStatus {
  const status = baseStatus(pod, parts.phase, parts.addresses, now);
  const containersReady = containersReadyCondition(pod, parts.readinessOf, parts.phase);
  status.conditions = kubeletConditions(
    pod,
    [
      { type: 'PodReadyToStartContainers', status: parts.readyToStart ? 'True' : 'False' },
      initializedCondition(pod, parts.initStatuses, parts.initDone, parts.phase),
      readyCondition(pod, containersReady),
      containersReady,
    ],
    now,
  );
  if (parts.initStatuses.length) status.initContainerStatuses = parts.initStatuses;
  status.containerStatuses = parts.statuses;
  return status;
}

/**
 * A run-to-completion pod whose containers have exited: Succeeded (exit 0, reason Completed), or when
 * the pod carries sim.kurator.dev/fail: "true", Failed (exit 1, reason Error). With restartPolicy
 * OnFailure a failing container is restarted instead: the pod stays Running, the container waits in
 * CrashLoopBackOff with its restart count raised and the failure as lastState.
 */
export function finishedPodStatus(pod: Pod, now: string): PodStatus {
  const fail = podShouldFail(pod);
  const t = kubeTime(now);
  if (fail && pod.spec.restartPolicy === 'OnFailure') return crashLoopStatus(pod, now);
  const phase = fail ? 'Failed' : 'Succeeded';
  const statuses = sortByName(
    pod.spec.containers.map((c) => {
      const prev = previousStatus(pod, c.name, false);
      const restartCount = prev?.restartCount ?? 0;
      const s = containerStatus({ pod, container: c, state: {}, ready: false, started: false, restartCount, lastState: prev?.lastState ?? {}, created: true });
      s.state = {
        terminated: {
          containerID: s.containerID,
          exitCode: fail ? 1 : 0,
          finishedAt: t,
          reason: fail ? 'Error' : 'Completed',
          startedAt: prev?.state.running?.startedAt ?? t,
        },
      };
      return s;
    }),
  );
  const initStatuses = initStatusesWhileRunning(pod, 'started', now).map((s) =>
    s.state.running ? { ...s, ready: false, started: false, state: { terminated: { containerID: s.containerID, exitCode: 0, reason: 'Completed', startedAt: s.state.running.startedAt, finishedAt: t } } } : s,
  );
  return assembleStatus(pod, { phase, addresses: undefined, readyToStart: false, initStatuses, initDone: true, statuses, readinessOf: statuses }, now);
}

function crashLoopStatus(pod: Pod, now: string): PodStatus {
  const t = kubeTime(now);
  const statuses = sortByName(
    pod.spec.containers.map((c) => {
      const prev = previousStatus(pod, c.name, false);
      const restartCount = (prev?.restartCount ?? 0) + 1;
      const s = containerStatus({ pod, container: c, state: {}, ready: false, started: false, restartCount, created: true });
      s.lastState = {
        terminated: {
          containerID: prev?.containerID ?? s.containerID,
          exitCode: 1,
          finishedAt: t,
          reason: 'Error',
          startedAt: prev?.state.running?.startedAt ?? t,
        },
      };
      s.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 10s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid ?? ''})`,
        },
      };
      return s;
    }),
  );
  const initStatuses = initStatusesWhileRunning(pod, 'started', now);
  return assembleStatus(pod, { phase: 'Running', addresses: undefined, readyToStart: true, initStatuses, initDone: true, statuses, readinessOf: statuses }, now);
}

export type DeletionDecision = { remove: false } | { remove: true; gracePeriodSeconds: 0 };

/**
 * A pod with a deletionTimestamp is finished by the kubelet: containers stopped, then a DELETE with
 * gracePeriodSeconds 0 removes the object (the API server keeps it while finalizers remain). Pods on
 * an unreachable node are not touched: no kubelet is there to do it.
 */
export function deletionDecision(pod: Pod, nodeReachable = true): DeletionDecision {
  if (!pod.metadata.deletionTimestamp) return { remove: false };
  if (pod.spec.nodeName && !nodeReachable) return { remove: false };
  return { remove: true, gracePeriodSeconds: 0 };
}
