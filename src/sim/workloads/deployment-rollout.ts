// Deployment strategies and scaling (rolling.go, recreate.go, sync.go scale / cleanupDeployment).

import type { DeploymentSync } from './deployment-sync.js';
import {
  activeReplicaSets,
  byRevision,
  desiredReplicas,
  DESIRED_REPLICAS_ANNOTATION,
  isRollingUpdate,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  maxUnavailable,
  specReplicas,
  sumAvailable,
  sumSpec,
} from './deployment-util.js';
import { byCreation } from './pod-util.js';
import { scaledValue } from './intstr.js';
import type { ReplicaSet } from './types-apps.js';
import type { Pod } from './types-core.js';

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(sync: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const d = sync.d;
  const want = desiredReplicas(d);
  if (!isRollingUpdate(d)) return want;
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge, want, true, '25%');
  const current = sumSpec(allRSs);
  const maxTotal = want + surge;
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, want - specReplicas(newRS));
}

function reconcileNewReplicaSet(sync: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const want = desiredReplicas(sync.d);
  if (specReplicas(newRS) === want) return false;
  if (specReplicas(newRS) > want) return sync.scaleTo(newRS, want).scaled;
  return sync.scaleTo(newRS, newRSNewReplicas(sync, allRSs, newRS)).scaled;
}

function cleanupUnhealthyReplicas(sync: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): { oldRSs: ReplicaSet[]; count: number } {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i]!;
    const spec = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (spec === 0 || spec === available) continue;
    const down = Math.min(maxCleanup - total, spec - available);
    sorted[i] = sync.scaleTo(rs, spec - down).rs;
    total += down;
  }
  return { oldRSs: sorted, count: total };
}

function scaleDownOldForRollingUpdate(sync: DeploymentSync, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): number {
  const minAvailable = desiredReplicas(sync.d) - maxUnavailable(sync.d);
  const available = sumAvailable(allRSs);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    if (specReplicas(rs) === 0) continue;
    const down = Math.min(specReplicas(rs), budget - total);
    sync.scaleTo(rs, specReplicas(rs) - down);
    total += down;
  }
  return total;
}

function reconcileOldReplicaSets(sync: DeploymentSync, allRSs: readonly ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpec(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(sync.d) - maxUnavailable(sync.d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpec(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(sync, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldForRollingUpdate(sync, [...cleaned.oldRSs, newRS], cleaned.oldRSs);
  return cleaned.count + scaledDown > 0;
}

/** rolloutRolling's scaling part; true when something was scaled (the status is then synced as-is). */
export function rollingScale(sync: DeploymentSync, newRS: ReplicaSet, oldRSs: readonly ReplicaSet[]): boolean {
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(sync, allRSs, newRS)) return true;
  return reconcileOldReplicaSets(sync, allRSs, activeReplicaSets(oldRSs), newRS);
}

/** Recreate: scale every old ReplicaSet to zero; true when any was scaled. */
export function scaleDownOldForRecreate(sync: DeploymentSync, oldRSs: readonly ReplicaSet[]): boolean {
  let scaled = false;
  for (const rs of activeReplicaSets(oldRSs)) if (sync.scaleTo(rs, 0).scaled) scaled = true;
  return scaled;
}

/** Recreate waits while any pod of an old ReplicaSet may still be running. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], pods: readonly Pod[]): boolean {
  if (oldRSs.reduce((s, rs) => s + (rs.status?.replicas ?? 0), 0) > 0) return true;
  const oldUIDs = new Set(oldRSs.map((rs) => rs.metadata.uid).filter((u): u is string => !!u));
  return pods.some((p) => {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (!owner || (newRS && owner === newRS.metadata.uid) || !oldUIDs.has(owner)) return false;
    return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
  });
}

function annotatedInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

function isSaturated(sync: DeploymentSync, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const want = desiredReplicas(sync.d);
  return specReplicas(rs) === want && annotatedInt(rs, DESIRED_REPLICAS_ANNOTATION) === want && (rs.status?.availableReplicas ?? 0) === want;
}

function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets(newRS ? [...newestFirst, newRS] : newestFirst);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

function proportion(sync: DeploymentSync, rs: ReplicaSet, toAdd: number, added: number): number {
  const d = sync.d;
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (desiredReplicas(d) === 0) fraction = -specReplicas(rs);
  else {
    const maxNow = desiredReplicas(d) + maxSurge(d);
    let before = annotatedInt(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
    if (before === 0) before = d.status?.replicas ?? 0;
    fraction = before === 0 ? specReplicas(rs) : roundHalfAway((specReplicas(rs) * maxNow) / before) - specReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** scale(): follow a replicas change (spec.replicas edited mid-rollout or while paused). */
export function scaleDeployment(sync: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const d = sync.d;
  const want = desiredReplicas(d);
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) {
    if (specReplicas(single) !== want) sync.scaleTo(single, want);
    return;
  }
  if (isSaturated(sync, newRS)) {
    for (const rs of activeReplicaSets(oldRSs)) sync.scaleTo(rs, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets(newRS ? [...oldRSs, newRS] : oldRSs);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - sumSpec(all);
  let operation: 'up' | 'down' = 'down';
  if (toAdd > 0) {
    all.sort((a, b) => specReplicas(b) - specReplicas(a) || byCreation(b, a));
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort((a, b) => specReplicas(b) - specReplicas(a) || byCreation(a, b));
  }
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(sync, rs, toAdd, added);
      sizes.set(rs, specReplicas(rs) + p);
      added += p;
    } else sizes.set(rs, specReplicas(rs));
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    sync.scale(rs, size, operation);
  });
}

/** cleanupDeployment: delete the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(sync: DeploymentSync, oldRSs: readonly ReplicaSet[]): void {
  const limit = sync.d.spec.revisionHistoryLimit ?? 10;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  const sorted = [...cleanable].sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = sorted[i]!;
    const observed = rs.status?.observedGeneration ?? 0;
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > observed) continue;
    sync.record({ type: 'delete', name: rs.metadata.name ?? '' });
  }
}
