// The StatefulSet controller's sync (stateful_set_control.go): revisions, ordered pod creation and
// deletion (OrderedReady waits for each predecessor to be Running and Ready; Parallel does not), the
// rolling update from the highest ordinal down to the partition, and the status.
//
// Wiring: reconcile on changes of the StatefulSet, its pods, and its ControllerRevisions; pass the pods
// and revisions it controls and the names of existing PVCs. Apply revision actions first, then claims,
// pods, status (statefulsets/<name>/status), and revision deletions.

import { deepEqual } from '../../machinery/deep.js';
import { isPodAvailable, isPodReady, isPodTerminating } from './pod-util.js';
import {
  claimsFor,
  identityMatches,
  newStatefulSetPod,
  ordinalOf,
  repairPod,
  REVISION_LABEL,
  storageMatches,
} from './statefulset-pod.js';
import { statefulSetRevisions, templateOfRevision, type RevisionAction } from './statefulset-revision.js';
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from './types-apps.js';
import type { PersistentVolumeClaim, Pod, SimEvent } from './types-core.js';

export interface StatefulSetReconcile {
  revisions: RevisionAction[];
  createClaims: PersistentVolumeClaim[];
  createPods: Pod[];
  updatePods: Pod[];
  deletePods: string[];
  status: StatefulSetStatus;
  statusChanged: boolean;
  events: SimEvent[];
}

const isCreated = (p: Pod): boolean => !!p.status?.phase;
const isRunningAndReady = (p: Pod): boolean => p.status?.phase === 'Running' && isPodReady(p);
const isHealthy = (p: Pod): boolean => isRunningAndReady(p) && !isPodTerminating(p);
const revisionOfPod = (p: Pod): string | undefined => p.metadata.labels?.[REVISION_LABEL];

function computeStatus(status: StatefulSetStatus, pods: readonly Pod[], minReady: number, current: string, update: string, now: string): void {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let currentReplicas = 0;
  let updated = 0;
  for (const p of pods) {
    if (isCreated(p)) replicas++;
    if (isRunningAndReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
    if (isCreated(p) && !isPodTerminating(p)) {
      if (revisionOfPod(p) === current) currentReplicas++;
      if (revisionOfPod(p) === update) updated++;
    }
  }
  status.replicas = replicas;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  status.currentReplicas = currentReplicas;
  status.updatedReplicas = updated;
}

/** Drops zero-valued omitempty fields so the status compares equal to what the API returns. */
function compact(s: StatefulSetStatus): StatefulSetStatus {
  const out: StatefulSetStatus = { replicas: s.replicas, availableReplicas: s.availableReplicas };
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

export function reconcileStatefulSet(
  set: StatefulSet,
  pods: readonly Pod[],
  revisions: readonly ControllerRevision[],
  existingClaims: ReadonlySet<string>,
  now: string,
): StatefulSetReconcile {
  const out: StatefulSetReconcile = { revisions: [], createClaims: [], createPods: [], updatePods: [], deletePods: [], status: { replicas: 0, availableReplicas: 0 }, statusChanged: false, events: [] };
  const rev = statefulSetRevisions(set, revisions);
  out.revisions.push(...rev.actions);
  const currentTemplate = templateOfRevision(rev.current);
  const updateTemplate = set.spec.template;
  const minReady = set.spec.minReadySeconds ?? 0;
  const name = set.metadata.name ?? '';
  const claims = new Set(existingClaims);

  const status: StatefulSetStatus = {
    replicas: 0,
    availableReplicas: 0,
    currentRevision: rev.current.metadata.name,
    updateRevision: rev.update.metadata.name,
    collisionCount: rev.collisionCount,
  };
  if (set.metadata.generation) status.observedGeneration = set.metadata.generation;
  const currentName = rev.current.metadata.name ?? '';
  const updateName = rev.update.metadata.name ?? '';
  computeStatus(status, pods, minReady, currentName, updateName, now);

  const start = set.spec.ordinals?.start ?? 0;
  const count = set.spec.replicas ?? 1;
  const replicas: (Pod | undefined)[] = new Array(count).fill(undefined);
  const condemned: Pod[] = [];
  for (const p of pods) {
    const ord = ordinalOf(set, p);
    if (ord < 0) continue;
    if (ord >= start && ord < start + count) replicas[ord - start] = p;
    else condemned.push(p);
  }
  const strategy = set.spec.updateStrategy?.type ?? 'RollingUpdate';
  const partition = strategy === 'RollingUpdate' ? (set.spec.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;
  const fresh = new Set<Pod>();
  for (let i = 0; i < count; i++) {
    if (replicas[i]) continue;
    const ord = start + i;
    const useCurrent = strategy === 'RollingUpdate' && ord < start + partition;
    const pod = useCurrent ? newStatefulSetPod(set, currentTemplate, ord, currentName) : newStatefulSetPod(set, updateTemplate, ord, updateName);
    replicas[i] = pod;
    fresh.add(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  const all = replicas as Pod[];
  const firstUnhealthy = all.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));

  const finish = (): StatefulSetReconcile => {
    const counted = [...all.filter((p) => !fresh.has(p)), ...condemned];
    computeStatus(status, counted, minReady, currentName, updateName, now);
    return done();
  };
  const done = (): StatefulSetReconcile => {
    if (strategy === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
    }
    out.status = compact(status);
    out.statusChanged = !deepEqual(out.status, set.status ?? {});
    for (const n of revisionsToTruncate(set, pods, revisions, currentName, updateName)) out.revisions.push({ type: 'delete', name: n });
    return out;
  };
  const createPod = (pod: Pod): void => {
    const ord = ordinalOf(set, pod);
    for (const claim of claimsFor(set, ord)) {
      if (claims.has(claim.metadata.name ?? '')) continue;
      claims.add(claim.metadata.name ?? '');
      out.createClaims.push(claim);
      out.events.push({ type: 'Normal', reason: 'SuccessfulCreate', message: `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${name} success` });
    }
    out.createPods.push(pod);
    out.events.push({ type: 'Normal', reason: 'SuccessfulCreate', message: `create Pod ${pod.metadata.name} in StatefulSet ${name} successful` });
  };
  const deletePod = (pod: Pod): void => {
    out.deletePods.push(pod.metadata.name ?? '');
    out.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful` });
  };

  if (set.metadata.deletionTimestamp) return done();
  const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';

  let blocked = false;
  for (const pod of all) {
    if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') {
      if (!pod.metadata.deletionTimestamp) deletePod(pod);
      if (monotonic) {
        blocked = true;
        break;
      }
      continue;
    }
    if (!isCreated(pod)) {
      createPod(pod);
      if (monotonic) {
        blocked = true;
        break;
      }
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      for (const claim of claimsFor(set, ordinalOf(set, pod))) {
        if (claims.has(claim.metadata.name ?? '')) continue;
        claims.add(claim.metadata.name ?? '');
        out.createClaims.push(claim);
      }
    }
    if (monotonic && (isPodTerminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) {
      blocked = true;
      break;
    }
    if (!identityMatches(set, pod) || !storageMatches(set, pod)) out.updatePods.push(repairPod(set, pod));
  }
  if (blocked) return finish();

  for (const pod of condemned) {
    if (isPodTerminating(pod)) {
      if (monotonic) return finish();
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) return finish();
    deletePod(pod);
    if (monotonic) return finish();
  }

  computeStatus(status, [...all.filter((p) => !fresh.has(p)), ...condemned], minReady, currentName, updateName, now);
  if (strategy !== 'RollingUpdate') return done();
  for (let target = all.length - 1; target >= partition; target--) {
    const pod = all[target]!;
    if (revisionOfPod(pod) !== updateName && !isPodTerminating(pod)) {
      deletePod(pod);
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return done();
    }
    if (!isHealthy(pod)) return done();
  }
  return done();
}

/** truncateHistory: the ControllerRevision names to delete beyond revisionHistoryLimit (live ones kept). */
export function revisionsToTruncate(set: StatefulSet, pods: readonly Pod[], revisions: readonly ControllerRevision[], current: string, update: string): string[] {
  const live = new Set([current, update, ...pods.map(revisionOfPod).filter((r): r is string => !!r)]);
  const history = [...revisions]
    .sort((a, b) => a.revision - b.revision)
    .filter((r) => !live.has(r.metadata.name ?? ''));
  const limit = set.spec.revisionHistoryLimit ?? 10;
  return history.slice(0, Math.max(0, history.length - limit)).map((r) => r.metadata.name ?? '');
}
