// The Job controller's sync (pkg/controller/job, 1.32 behaviour with JobPodReplacementPolicy,
// JobManagedBy and JobSuccessPolicy on): create pods up to parallelism and the remaining completions,
// count finished pods through the tracking finalizer and status.uncountedTerminatedPods, fail on
// backoffLimit or activeDeadlineSeconds, and finish with the interim condition first
// (SuccessCriteriaMet / FailureTarget) and the terminal one (Complete / Failed) once no pod is left
// terminating.
//
// Wiring: reconcile on changes of the Job and of the pods it controls. Apply in this order: create
// pods, delete pods, write `interimStatus` (when present), remove the tracking finalizer from
// `removeFinalizers`, and only when every removal succeeded write `status` (otherwise reconcile again;
// the interim status makes that safe). Record `events` on the Job. Requeue after requeueAfterSeconds.

import { deepClone, deepEqual } from '../../machinery/deep.js';
import {
  completionIndexOf,
  formatIndexes,
  isIndexed,
  JOB_TRACKING_FINALIZER,
  newJobPod,
  parseIndexes,
} from './job-pods.js';
import { isPodActive, isPodReady, isPodTerminatingActive } from './pod-util.js';
import { rankPodsForDeletion } from './rs-ranking.js';
import type { Job, JobCondition, JobStatus } from './types-apps.js';
import type { Pod, SimEvent } from './types-core.js';
import { kubeTime, toMillis } from './time.js';

export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
const DEFAULT_BACKOFF_SECONDS = 10;
const MAX_BACKOFF_SECONDS = 360;

export interface JobReconcile {
  createPods: Pod[];
  deletePods: string[];
  removeFinalizers: string[];
  interimStatus?: JobStatus;
  status: JobStatus;
  statusChanged: boolean;
  events: SimEvent[];
  requeueAfterSeconds?: number;
}

const hasFinalizer = (p: Pod): boolean => p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;

function onlyReplaceFailed(job: Job): boolean {
  return job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;
}

function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailed(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

function condition(type: string, status: JobCondition['status'], reason: string, message: string, now: string): JobCondition {
  const t = kubeTime(now);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

function isTrue(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** ensureJobConditionStatus: replace when anything differs, append unless False. */
function ensureCondition(list: JobCondition[], c: JobCondition): boolean {
  const i = list.findIndex((x) => x.type === c.type);
  if (i >= 0) {
    const old = list[i]!;
    if (old.status === c.status && old.reason === c.reason && old.message === c.message) return false;
    list[i] = c;
    return true;
  }
  if (c.status === 'False') return false;
  list.push(c);
  return true;
}

function finishedAt(p: Pod): string | undefined {
  const times = (p.status?.containerStatuses ?? []).map((s) => s.state.terminated?.finishedAt).filter((t): t is string => !!t);
  if (times.length) return times.sort().at(-1);
  return p.metadata.deletionTimestamp ?? p.metadata.creationTimestamp;
}

/** Pod failure backoff: 10s doubling up to 6m after consecutive failures since the last success. */
function backoffRemaining(job: Job, pods: readonly Pod[], now: string): number {
  const lastSuccess = pods.filter((p) => p.status?.phase === 'Succeeded').map(finishedAt).filter((t): t is string => !!t).sort().at(-1);
  const failures = pods
    .filter((p) => isPodFailed(p, job))
    .map(finishedAt)
    .filter((t): t is string => !!t && (!lastSuccess || t > lastSuccess))
    .sort();
  if (failures.length === 0) return 0;
  const backoff = Math.min(DEFAULT_BACKOFF_SECONDS * 2 ** (failures.length - 1), MAX_BACKOFF_SECONDS);
  const elapsed = (toMillis(now) - toMillis(failures.at(-1)!)) / 1000;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[], backoffLimit: number): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  }
  return backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit;
}

function compactStatus(s: JobStatus): JobStatus {
  const out: JobStatus = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  out.terminating = s.terminating ?? 0;
  out.uncountedTerminatedPods = {};
  if (s.uncountedTerminatedPods?.succeeded?.length) out.uncountedTerminatedPods.succeeded = s.uncountedTerminatedPods.succeeded;
  if (s.uncountedTerminatedPods?.failed?.length) out.uncountedTerminatedPods.failed = s.uncountedTerminatedPods.failed;
  out.ready = s.ready ?? 0;
  return out;
}

/**
 * @param pods the pods this Job controls
 * @param podSuffix the random part of a new pod's name (upstream: 5 characters from the API server)
 */
export function reconcileJob(job: Job, pods: readonly Pod[], now: string, podSuffix: () => string): JobReconcile {
  const out: JobReconcile = { createPods: [], deletePods: [], removeFinalizers: [], status: compactStatus(job.status ?? {}), statusChanged: false, events: [] };
  if (isTrue(job, 'Complete') || isTrue(job, 'Failed')) return out;

  const status: JobStatus = deepClone(job.status ?? {});
  status.conditions = status.conditions ?? [];
  const uncountedSucceeded = new Set(status.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedFailed = new Set(status.uncountedTerminatedPods?.failed ?? []);
  const completions = job.spec.completions === undefined && job.spec.parallelism === undefined ? 1 : (job.spec.completions ?? undefined);
  const parallelism = job.spec.parallelism ?? 1;
  const backoffLimit = job.spec.backoffLimit ?? 6;
  const suspended = job.spec.suspend === true;
  const indexed = isIndexed(job) && completions !== undefined;

  let active = pods.filter(isPodActive);
  let ready = active.filter(isPodReady).length;
  let terminating = pods.filter(isPodTerminatingActive).length;
  const fresh = (p: Pod): boolean => hasFinalizer(p) && !uncountedSucceeded.has(p.metadata.uid ?? '') && !uncountedFailed.has(p.metadata.uid ?? '');
  const newSucceeded = pods.filter((p) => fresh(p) && p.status?.phase === 'Succeeded');
  const newFailed = pods.filter((p) => fresh(p) && isPodFailed(p, job));
  let succeeded = (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size;
  const failed = (status.failed ?? 0) + newFailed.length + uncountedFailed.size;
  let succeededIndexes: number[] = [];
  if (indexed) {
    succeededIndexes = [...new Set([...parseIndexes(status.completedIndexes, completions!), ...pods.filter((p) => p.status?.phase === 'Succeeded').map(completionIndexOf).filter((i): i is number => i !== undefined && i < completions!)])];
    succeeded = succeededIndexes.length;
  }

  if (!status.startTime && !suspended) status.startTime = kubeTime(now);

  let finished: JobCondition | undefined = isTrue(job, 'SuccessCriteriaMet');
  if (!finished) {
    const target = isTrue(job, 'FailureTarget');
    if (target) finished = target;
  }
  if (!finished) {
    if (failed > backoffLimit || pastBackoffLimitOnFailure(job, pods, backoffLimit)) {
      finished = condition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    } else if (job.spec.activeDeadlineSeconds !== undefined && status.startTime && !suspended) {
      const elapsed = (toMillis(now) - toMillis(status.startTime)) / 1000;
      if (elapsed >= job.spec.activeDeadlineSeconds) {
        finished = condition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
      } else {
        out.requeueAfterSeconds = Math.ceil(job.spec.activeDeadlineSeconds - elapsed);
      }
    }
  }

  if (finished) {
    for (const p of active) out.deletePods.push(p.metadata.name ?? '');
    terminating += active.length;
    ready = 0;
    active = [];
  } else if (!job.metadata.deletionTimestamp) {
    if (suspended) {
      for (const p of active) {
        out.deletePods.push(p.metadata.name ?? '');
        out.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}` });
      }
      terminating += active.length;
      ready = 0;
      active = [];
      if (ensureCondition(status.conditions, condition('Suspended', 'True', 'JobSuspended', 'Job suspended', now))) {
        out.events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
      }
    } else {
      if (ensureCondition(status.conditions, condition('Suspended', 'False', 'JobResumed', 'Job resumed', now))) {
        out.events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
        status.startTime = kubeTime(now);
      }
      let want = completions === undefined ? (succeeded > 0 ? active.length : parallelism) : Math.max(0, Math.min(completions - succeeded, parallelism));
      if (indexed) want = Math.min(parallelism, completions! - succeeded);
      const excess = Math.max(0, active.length - want);
      if (excess > 0) {
        const victims = rankPodsForDeletion(active, [], now).slice(0, Math.min(excess, MAX_POD_CREATE_DELETE_PER_SYNC));
        for (const p of victims) {
          out.deletePods.push(p.metadata.name ?? '');
          out.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}` });
          if (isPodReady(p)) ready--;
        }
        terminating += victims.length;
        active = active.filter((p) => !victims.includes(p));
      } else {
        let diff = want - (onlyReplaceFailed(job) ? terminating : 0) - active.length;
        const wait = diff > 0 ? backoffRemaining(job, pods, now) : 0;
        if (wait > 0) {
          out.requeueAfterSeconds = Math.min(out.requeueAfterSeconds ?? Infinity, Math.ceil(wait));
          diff = 0;
        }
        diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
        let indexes: (number | undefined)[] = new Array(Math.max(0, diff)).fill(undefined);
        if (indexed && diff > 0) {
          const busy = new Set([...succeededIndexes, ...active.map(completionIndexOf).filter((i): i is number => i !== undefined)]);
          indexes = [];
          for (let i = 0; i < completions! && indexes.length < diff; i++) if (!busy.has(i)) indexes.push(i);
        }
        for (const index of indexes) {
          const pod = newJobPod(job, podSuffix(), index);
          out.createPods.push(pod);
          out.events.push({ type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}` });
        }
        active = [...active, ...out.createPods];
      }
      const done = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions && active.length === 0;
      if (done) finished = condition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
    }
  }

  status.active = active.length;
  status.ready = ready;
  status.terminating = terminating;
  trackAndFinish(job, pods, status, finished, { uncountedSucceeded, uncountedFailed, succeededIndexes, indexed, now, out });
  out.statusChanged = !deepEqual(out.status, compactStatus(job.status ?? {}));
  return out;
}

interface TrackContext {
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  succeededIndexes: number[];
  indexed: boolean;
  now: string;
  out: JobReconcile;
}

/** trackJobStatusAndRemoveFinalizers + enactJobFinished, assuming every finalizer removal succeeds. */
function trackAndFinish(job: Job, pods: readonly Pod[], status: JobStatus, finished: JobCondition | undefined, ctx: TrackContext): void {
  const { uncountedSucceeded, uncountedFailed, out, now } = ctx;
  const withFinalizer = new Set(pods.filter(hasFinalizer).map((p) => p.metadata.uid ?? ''));
  const flushUncounted = (): void => {
    for (const uid of [...uncountedSucceeded]) if (!withFinalizer.has(uid)) {
      uncountedSucceeded.delete(uid);
      if (!ctx.indexed) status.succeeded = (status.succeeded ?? 0) + 1;
    }
    for (const uid of [...uncountedFailed]) if (!withFinalizer.has(uid)) {
      uncountedFailed.delete(uid);
      status.failed = (status.failed ?? 0) + 1;
    }
  };
  flushUncounted();
  const failing = finished && finished.type !== 'SuccessCriteriaMet';
  for (const p of pods) {
    const uid = p.metadata.uid ?? '';
    if (!hasFinalizer(p)) continue;
    const failedPod = isPodFailed(p, job);
    if (!(job.metadata.deletionTimestamp || finished || p.status?.phase === 'Succeeded' || failedPod)) continue;
    out.removeFinalizers.push(p.metadata.name ?? '');
    if (p.status?.phase === 'Succeeded' && !uncountedFailed.has(uid)) {
      if (!ctx.indexed) uncountedSucceeded.add(uid);
    } else if (failedPod || failing) {
      uncountedFailed.add(uid);
    }
  }
  if (ctx.indexed) {
    status.completedIndexes = formatIndexes(ctx.succeededIndexes);
    status.succeeded = ctx.succeededIndexes.length;
  }
  let terminal: JobCondition | undefined;
  if (finished?.type === 'FailureTarget') {
    if (!status.conditions!.some((c) => c.type === 'FailureTarget')) status.conditions!.push(finished);
    terminal = condition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
  } else if (finished?.type === 'SuccessCriteriaMet') {
    if (!status.conditions!.some((c) => c.type === 'SuccessCriteriaMet')) status.conditions!.push(finished);
    terminal = condition('Complete', 'True', finished.reason ?? '', finished.message ?? '', now);
  }
  status.uncountedTerminatedPods = { succeeded: [...uncountedSucceeded], failed: [...uncountedFailed] };
  const interim = compactStatus(status);
  for (const name of out.removeFinalizers) {
    const uid = pods.find((p) => p.metadata.name === name)?.metadata.uid;
    if (uid) withFinalizer.delete(uid);
  }
  flushUncounted();
  status.uncountedTerminatedPods = { succeeded: [...uncountedSucceeded], failed: [...uncountedFailed] };
  if (terminal && uncountedSucceeded.size + uncountedFailed.size === 0 && (status.terminating ?? 0) === 0) {
    ensureCondition(status.conditions!, terminal);
    if (terminal.type === 'Complete') {
      status.completionTime = terminal.lastTransitionTime;
      out.events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
    } else {
      out.events.push({ type: 'Warning', reason: terminal.reason ?? '', message: terminal.message ?? '' });
    }
  }
  out.status = compactStatus(status);
  if (out.removeFinalizers.length && !deepEqual(interim, out.status)) out.interimStatus = interim;
}
