// Deployment helpers (pkg/controller/deployment/util): defaults, fenceposts, revisions, the replica
// annotations, finding the new ReplicaSet, and the status calculation.

import { deepEqual } from '../../machinery/deep.js';
import { scaledValue } from './intstr.js';
import { byCreation } from './pod-util.js';
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from './types-apps.js';
import type { PodTemplateSpec } from './types-core.js';
import { kubeTime } from './time.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

const SKIP_COPY_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

export function desiredReplicas(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds ?? 600;
  return s !== 2147483647;
}

export function progressDeadlineSeconds(d: Deployment): number {
  return d.spec.progressDeadlineSeconds ?? 600;
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both zero means unavailable 1. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = desiredReplicas(d);
  const ru = d.spec.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, desired, true, '25%');
  let unavailable = scaledValue(ru?.maxUnavailable, desired, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired);
}

export function specReplicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

export const sumSpec = (rss: readonly ReplicaSet[]): number => rss.reduce((s, rs) => s + specReplicas(rs), 0);
export const sumActual = (rss: readonly ReplicaSet[]): number => rss.reduce((s, rs) => s + (rs.status?.replicas ?? 0), 0);
export const sumReady = (rss: readonly ReplicaSet[]): number => rss.reduce((s, rs) => s + (rs.status?.readyReplicas ?? 0), 0);
export const sumAvailable = (rss: readonly ReplicaSet[]): number => rss.reduce((s, rs) => s + (rs.status?.availableReplicas ?? 0), 0);

export function activeReplicaSets(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return rss.filter((rs) => specReplicas(rs) > 0);
}

export function revisionOf(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs) ?? 0), 0);
}

/** By revision, ties (or unparsable) by creation time and name. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreation(a, b);
  return ra - rb;
}

function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  const metadata = { ...(t.metadata ?? {}) };
  if (Object.keys(labels).length) metadata.labels = labels;
  else delete metadata.labels;
  return { ...t, metadata };
}

export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

/** The oldest ReplicaSet whose template equals the deployment's (ignoring pod-template-hash). */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  const changed = annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  annotations[MAX_REPLICAS_ANNOTATION] = String(max);
  rs.metadata = { ...rs.metadata, annotations };
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copy the deployment's annotations, raise the revision to newRevision
 * when lower (recording the previous one in revision-history: the rollback case), and on creation
 * set the replica annotations. Mutates rs.metadata; returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY_ANNOTATIONS.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const oldText = annotations[REVISION_ANNOTATION];
  const hadRevision = oldText !== undefined;
  const oldRevision = oldText === undefined || oldText === '' ? 0 : Number(oldText);
  if (oldText !== undefined && oldText !== '' && !/^\d+$/.test(oldText)) {
    rs.metadata = { ...rs.metadata, annotations };
    return changed;
  }
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (hadRevision) {
      const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
      let previous = history === '' ? [] : history.split(',');
      let total = history.length + String(oldText).length + 1;
      while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && previous.length) {
        total -= previous[0]!.length + 1;
        previous = previous.slice(1);
      }
      if (history === '') annotations[REVISION_HISTORY_ANNOTATION] = String(oldText);
      else if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...previous, String(oldText)].join(',');
    }
  }
  rs.metadata = { ...rs.metadata, annotations };
  if (!exists) {
    if (setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) changed = true;
  }
  return changed;
}

export function getCondition<T extends { type: string }>(conditions: readonly T[] | undefined, type: string): T | undefined {
  return conditions?.find((c) => c.type === type);
}

export function newDeploymentCondition(type: string, status: DeploymentCondition['status'], reason: string, message: string, now: string): DeploymentCondition {
  const t = kubeTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: no-op when status and reason match; keeps lastTransitionTime when status matches. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status.conditions, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const c = { ...condition };
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** calculateStatus: counts over the given ReplicaSets plus the Available condition. */
export function calculateStatus(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, now: string): DeploymentStatus {
  const available = sumAvailable(allRSs);
  const status: DeploymentStatus = {};
  if (d.metadata.generation) status.observedGeneration = d.metadata.generation;
  const set = (k: 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas', v: number): void => {
    if (v) status[k] = v;
  };
  set('replicas', sumActual(allRSs));
  set('updatedReplicas', newRS ? sumActual([newRS]) : 0);
  set('readyReplicas', sumReady(allRSs));
  set('availableReplicas', available);
  set('unavailableReplicas', Math.max(0, sumSpec(allRSs) - available));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newDeploymentCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newDeploymentCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** DeploymentComplete: everything updated, nothing old left, all available, spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}
