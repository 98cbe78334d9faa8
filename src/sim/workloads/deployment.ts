// The Deployment controller's sync (pkg/controller/deployment): find or create the new ReplicaSet
// (named <deployment>-<pod-template-hash>), keep revisions, then roll out (RollingUpdate/Recreate),
// follow scaling, honour paused, clean up old revisions, and compute the status that `kubectl rollout
// status` reads. `kubectl rollout undo` patches the template back to an older ReplicaSet's; the sync
// then finds that ReplicaSet as the new one and moves its revision to the top ("revision reused").
//
// Wiring: reconcile on changes of the Deployment, of ReplicaSets it controls, and of their pods (for
// Recreate). Apply `actions` in order, write `annotations` (when present) with a patch on the
// Deployment and `status` on deployments/<name>/status when statusChanged. A create answered with
// AlreadyExists means a hash collision: patch status.collisionCount + 1 and reconcile again.

import { deepClone, deepEqual } from '../../machinery/deep.js';
import { labelSelectorFromSpec } from '../../machinery/labels.js';
import { newControllerRef } from './controller-ref.js';
import { computeTemplateHash } from './hash.js';
import { syncDeploymentStatus, syncRolloutStatus } from './deployment-progress.js';
import {
  cleanupDeployment,
  newRSNewReplicas,
  oldPodsRunning,
  rollingScale,
  scaleDeployment,
  scaleDownOldForRecreate,
} from './deployment-rollout.js';
import { DeploymentSync, type DeploymentAction } from './deployment-sync.js';
import {
  activeReplicaSets,
  deploymentComplete,
  desiredReplicas,
  DESIRED_REPLICAS_ANNOTATION,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  maxRevision,
  newDeploymentCondition,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  setCondition,
  setNewReplicaSetAnnotations,
} from './deployment-util.js';
import type { Deployment, DeploymentStatus, ReplicaSet } from './types-apps.js';
import type { Pod, SimEvent } from './types-core.js';

export type { DeploymentAction } from './deployment-sync.js';

export interface DeploymentReconcile {
  actions: DeploymentAction[];
  /** The Deployment's metadata.annotations when they changed (the revision annotation). */
  annotations?: Record<string, string>;
  status: DeploymentStatus;
  statusChanged: boolean;
  events: SimEvent[];
  requeueAfterSeconds?: number;
}

interface Split {
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
}

/** getNewReplicaSet: sync the existing new ReplicaSet's revision, or create it when asked to. */
function getNewReplicaSet(sync: DeploymentSync, all: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const d = sync.d;
  const existing = findNewReplicaSet(d, all);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    const copy = deepClone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const minReadyChanged = (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadyChanged) {
      copy.spec = { ...copy.spec, minReadySeconds: d.spec.minReadySeconds ?? 0 };
      if (!d.spec.minReadySeconds) delete copy.spec.minReadySeconds;
      sync.record({ type: 'update', replicaSet: copy });
      return copy;
    }
    setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status?.conditions, 'Progressing')) {
      setCondition(d.status!, newDeploymentCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${copy.metadata.name}"`, sync.now));
    }
    return copy;
  }
  if (!create) return undefined;

  const hash = computeTemplateHash(d.spec.template, d.status?.collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  if (all.some((rs) => rs.metadata.name === name)) {
    // Same name, different template: a hash collision. Bump collisionCount and retry next sync.
    d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
    sync.aborted = true;
    sync.requeueAfterSeconds = 1;
    return undefined;
  }
  const template = deepClone(d.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = deepClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      ...(d.metadata.namespace ? { namespace: d.metadata.namespace } : {}),
      labels: { ...template.metadata.labels! },
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: { replicas: 0, selector, template, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}) },
  };
  rs.spec.replicas = newRSNewReplicas(sync, [...oldRSs, rs], rs);
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  sync.record({ type: 'create', replicaSet: rs });
  if (rs.spec.replicas > 0) {
    sync.events.push({ type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${name} from 0 to ${rs.spec.replicas}` });
  }
  setDeploymentRevision(d, String(newRevision));
  if (hasProgressDeadline(d)) {
    setCondition(d.status!, newDeploymentCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`, sync.now));
  }
  return rs;
}

function setDeploymentRevision(d: Deployment, revision: string): void {
  if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
  d.metadata = { ...d.metadata, annotations: { ...(d.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision } };
}

function split(sync: DeploymentSync, rss: readonly ReplicaSet[], create: boolean): Split {
  const existing = findNewReplicaSet(sync.d, rss);
  const oldRSs = rss.filter((rs) => rs !== existing);
  const newRS = getNewReplicaSet(sync, rss, oldRSs, create);
  return { newRS, oldRSs };
}

function withNew(s: Split): ReplicaSet[] {
  return s.newRS ? [...s.oldRSs, s.newRS] : [...s.oldRSs];
}

function checkPausedConditions(sync: DeploymentSync): void {
  const d = sync.d;
  if (!hasProgressDeadline(d)) return;
  const c = getCondition(d.status?.conditions, 'Progressing');
  if (c?.reason === 'ProgressDeadlineExceeded') return;
  const pausedCond = c?.reason === 'DeploymentPaused';
  if (d.spec.paused && !pausedCond) {
    setCondition(d.status!, newDeploymentCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', sync.now));
  } else if (!d.spec.paused && pausedCond) {
    setCondition(d.status!, newDeploymentCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', sync.now));
  }
}

function isScalingEvent(sync: DeploymentSync, s: Split): boolean {
  const want = desiredReplicas(sync.d);
  return activeReplicaSets(withNew(s)).some((rs) => {
    const v = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    return v !== undefined && /^\d+$/.test(v) && Number(v) !== want;
  });
}

function rolloutRolling(sync: DeploymentSync, rss: readonly ReplicaSet[]): void {
  const s = split(sync, rss, true);
  if (sync.aborted || !s.newRS) return;
  const all = withNew(s);
  if (rollingScale(sync, s.newRS, s.oldRSs)) return syncRolloutStatus(sync, all, s.newRS);
  if (deploymentComplete(sync.d, sync.d.status ?? {})) cleanupDeployment(sync, s.oldRSs);
  syncRolloutStatus(sync, all, s.newRS);
}

function rolloutRecreate(sync: DeploymentSync, rss: readonly ReplicaSet[], pods: readonly Pod[]): void {
  let s = split(sync, rss, false);
  const all = withNew(s);
  if (scaleDownOldForRecreate(sync, s.oldRSs)) return syncRolloutStatus(sync, all, s.newRS);
  if (oldPodsRunning(s.newRS, s.oldRSs, pods)) return syncRolloutStatus(sync, all, s.newRS);
  if (!s.newRS) {
    s = split(sync, rss, true);
    if (sync.aborted || !s.newRS) return;
  }
  sync.scaleTo(s.newRS, desiredReplicas(sync.d));
  if (deploymentComplete(sync.d, sync.d.status ?? {})) cleanupDeployment(sync, s.oldRSs);
  syncRolloutStatus(sync, withNew(s), s.newRS);
}

function scalingSync(sync: DeploymentSync, rss: readonly ReplicaSet[]): void {
  const s = split(sync, rss, false);
  scaleDeployment(sync, s.newRS, s.oldRSs);
  if (sync.d.spec.paused) cleanupDeployment(sync, s.oldRSs);
  syncDeploymentStatus(sync, withNew(s), s.newRS);
}

/**
 * @param replicaSets the ReplicaSets this Deployment controls
 * @param pods the pods of those ReplicaSets (only Recreate looks at them)
 */
export function reconcileDeployment(deployment: Deployment, replicaSets: readonly ReplicaSet[], pods: readonly Pod[], now: string): DeploymentReconcile {
  const sync = new DeploymentSync(deployment, now);
  const d = sync.d;
  const selector = labelSelectorFromSpec(d.spec.selector);
  if (selector.length === 0) {
    sync.events.push({ type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' });
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) d.status = { ...d.status, observedGeneration: d.metadata.generation };
  } else if (d.metadata.deletionTimestamp) {
    const s = split(sync, replicaSets, false);
    syncDeploymentStatus(sync, withNew(s), s.newRS);
  } else {
    checkPausedConditions(sync);
    if (d.spec.paused) scalingSync(sync, replicaSets);
    else if (isScalingEvent(sync, split(new DeploymentSync(d, now), replicaSets, false))) scalingSync(sync, replicaSets);
    else if (isRollingUpdate(d)) rolloutRolling(sync, replicaSets);
    else rolloutRecreate(sync, replicaSets, pods);
  }
  const status = d.status ?? {};
  const result: DeploymentReconcile = {
    actions: sync.actions,
    status,
    statusChanged: !deepEqual(status, deployment.status ?? {}),
    events: sync.events,
  };
  if (!deepEqual(d.metadata.annotations ?? {}, deployment.metadata.annotations ?? {})) result.annotations = d.metadata.annotations ?? {};
  if (sync.requeueAfterSeconds !== undefined) result.requeueAfterSeconds = sync.requeueAfterSeconds;
  return result;
}
