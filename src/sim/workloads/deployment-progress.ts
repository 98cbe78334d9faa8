// The Progressing condition and the status write of a rollout (syncRolloutStatus in progress.go).

import { deepEqual } from '../../machinery/deep.js';
import type { DeploymentSync } from './deployment-sync.js';
import {
  calculateStatus,
  deploymentComplete,
  getCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  progressDeadlineSeconds,
  removeCondition,
  setCondition,
} from './deployment-util.js';
import type { Deployment, DeploymentStatus, ReplicaSet } from './types-apps.js';
import { toMillis } from './time.js';

/** Something moved since the stored status: more updated/ready/available replicas or fewer old ones. */
function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: string): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s.conditions, 'Progressing');
  if (!c) return false;
  if (c.reason === 'NewReplicaSetAvailable') return false;
  if (c.reason === 'ProgressDeadlineExceeded') return true;
  if (!c.lastUpdateTime) return false;
  return toMillis(c.lastUpdateTime) + progressDeadlineSeconds(d) * 1000 < toMillis(now);
}

function replicaFailure(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus['conditions'] {
  const ordered = newRS ? [newRS, ...allRSs.filter((r) => r !== newRS)] : allRSs;
  for (const rs of ordered) {
    const c = rs.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c) {
      const out: NonNullable<DeploymentStatus['conditions']>[number] = { type: 'ReplicaFailure', status: c.status };
      if (c.lastTransitionTime) out.lastUpdateTime = out.lastTransitionTime = c.lastTransitionTime;
      if (c.reason) out.reason = c.reason;
      if (c.message) out.message = c.message;
      return [out];
    }
  }
  return [];
}

/** syncRolloutStatus: stores the new status on the sync and schedules the progress-deadline check. */
export function syncRolloutStatus(sync: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const d = sync.d;
  const now = sync.now;
  const status = calculateStatus(d, allRSs, newRS, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status?.conditions, 'Progressing');
  const isComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === 'NewReplicaSetAvailable';
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newDeploymentCondition('Progressing', 'True', 'NewReplicaSetAvailable', msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const c = newDeploymentCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, now);
      if (current) {
        if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newDeploymentCondition('Progressing', 'False', 'ProgressDeadlineExceeded', msg, now));
    }
  }
  const failures = replicaFailure(allRSs, newRS);
  if (failures?.length) setCondition(status, failures[0]!);
  else removeCondition(status, 'ReplicaFailure');
  if (deepEqual(d.status ?? {}, status)) requeueStuckDeployment(sync, status);
  d.status = status;
}

/** syncDeploymentStatus (scaling and paused syncs): counts and Available only. */
export function syncDeploymentStatus(sync: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  sync.d.status = calculateStatus(sync.d, allRSs, newRS, sync.now);
}

function requeueStuckDeployment(sync: DeploymentSync, status: DeploymentStatus): void {
  const d = sync.d;
  const c = getCondition(d.status?.conditions, 'Progressing');
  if (!hasProgressDeadline(d) || !c || !c.lastUpdateTime) return;
  if (deploymentComplete(d, status) || c.reason === 'ProgressDeadlineExceeded') return;
  const after = (toMillis(c.lastUpdateTime) + progressDeadlineSeconds(d) * 1000 - toMillis(sync.now)) / 1000;
  sync.requeueAfterSeconds = after < 1 ? 1 : Math.ceil(after) + 1;
}
