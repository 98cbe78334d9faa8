// The READY, STATUS and RESTARTS cells of `kubectl get pods`, following the server's pod printer:
// init containers first ("Init:0/2", "Init:CrashLoopBackOff"), then the last container reason that
// explains why the pod is not simply in its phase, sidecars counted as containers, and
// "Terminating" once deletion started.

import type { KubeObject } from '../../machinery/object.js';
import { arrayAt, at, boolAt, humanDuration, numberAt, stringAt } from './cells.js';

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

const isSidecar = (container: unknown): boolean => stringAt(container, 'restartPolicy') === 'Always';

function conditionTrue(pod: KubeObject, type: string): boolean {
  return arrayAt(pod, 'status', 'conditions').some((c) => stringAt(c, 'type') === type && stringAt(c, 'status') === 'True');
}

function lastTermination(status: unknown): number | undefined {
  const finishedAt = stringAt(status, 'lastState', 'terminated', 'finishedAt');
  if (!finishedAt) return undefined;
  const time = Date.parse(finishedAt);
  return Number.isNaN(time) ? undefined : time;
}

function terminatedReason(terminated: unknown, prefix: string): string {
  const reason = stringAt(terminated, 'reason');
  if (reason) return prefix + reason;
  const signal = numberAt(terminated, 'signal') ?? 0;
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${numberAt(terminated, 'exitCode') ?? 0}`;
}

export function summarizePod(pod: KubeObject, now: number = Date.now()): PodSummary {
  const phase = stringAt(pod, 'status', 'phase') ?? '';
  let reason = stringAt(pod, 'status', 'reason') || phase;
  for (const c of arrayAt(pod, 'status', 'conditions')) {
    if (stringAt(c, 'type') === 'PodScheduled' && stringAt(c, 'reason') === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = arrayAt(pod, 'spec', 'initContainers');
  const sidecarNames = new Set(initContainers.filter(isSidecar).map((c) => stringAt(c, 'name')));
  const totalContainers = arrayAt(pod, 'spec', 'containers').length + sidecarNames.size;
  let readyContainers = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

  let initializing = false;
  const initStatuses = arrayAt(pod, 'status', 'initContainerStatuses');
  for (let i = 0; i < initStatuses.length; i++) {
    const status = initStatuses[i];
    const sidecar = sidecarNames.has(stringAt(status, 'name'));
    restarts += numberAt(status, 'restartCount') ?? 0;
    lastRestart = later(lastRestart, lastTermination(status));
    if (sidecar) {
      sidecarRestarts += numberAt(status, 'restartCount') ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, lastTermination(status));
    }
    const terminated = at(status, 'state', 'terminated');
    const waitingReason = stringAt(status, 'state', 'waiting', 'reason');
    if (terminated !== undefined && (numberAt(terminated, 'exitCode') ?? 0) === 0) continue;
    if (sidecar && boolAt(status, 'started') === true) {
      if (boolAt(status, 'ready') === true) readyContainers++;
      continue;
    }
    if (terminated !== undefined) reason = terminatedReason(terminated, 'Init:');
    else if (waitingReason && waitingReason !== 'PodInitializing') reason = `Init:${waitingReason}`;
    else reason = `Init:${i}/${initContainers.length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = arrayAt(pod, 'status', 'containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i--) {
      const status = statuses[i];
      restarts += numberAt(status, 'restartCount') ?? 0;
      lastRestart = later(lastRestart, lastTermination(status));
      const waitingReason = stringAt(status, 'state', 'waiting', 'reason');
      const terminated = at(status, 'state', 'terminated');
      if (waitingReason) reason = waitingReason;
      else if (terminated !== undefined) reason = terminatedReason(terminated, '');
      else if (boolAt(status, 'ready') === true && at(status, 'state', 'running') !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata.deletionTimestamp !== undefined;
  if (deleting && stringAt(pod, 'status', 'reason') === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartText =
    restarts !== 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartText };
}

const recent = new WeakMap<KubeObject, { second: number; summary: PodSummary }>();

/** summarizePod for the current time, computed once per object and second (a row asks for three cells). */
export function podRowSummary(pod: KubeObject): PodSummary {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  const cached = recent.get(pod);
  if (cached && cached.second === second) return cached.summary;
  const summary = summarizePod(pod, now);
  recent.set(pod, { second, summary });
  return summary;
}

/** READINESS GATES: "<true>/<total>" of the pod's readiness gate conditions, "<none>" without gates. */
export function readinessGates(pod: KubeObject): string {
  const gates = arrayAt(pod, 'spec', 'readinessGates');
  if (gates.length === 0) return '<none>';
  const conditions = arrayAt(pod, 'status', 'conditions');
  let satisfied = 0;
  for (const gate of gates) {
    const found = conditions.find((c) => stringAt(c, 'type') === stringAt(gate, 'conditionType'));
    if (found !== undefined && stringAt(found, 'status') === 'True') satisfied++;
  }
  return `${satisfied}/${gates.length}`;
}
