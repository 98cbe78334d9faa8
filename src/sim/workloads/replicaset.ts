// The ReplicaSet controller's sync (pkg/controller/replicaset): create pods from the template or delete
// the best candidates until the active pods match spec.replicas, and the status it writes.
//
// Wiring: reconcile a ReplicaSet whenever it or one of the pods it controls changes, passing the pods
// it controls. Like upstream's expectations, do not reconcile again until the pods created or deleted
// by the previous result show up in (or vanish from) the informer cache, or pods will be doubled.

import { labelSelectorFromSpec, matchesLabels } from '../../machinery/labels.js';
import { newControllerRef } from './controller-ref.js';
import { isPodActive, isPodAvailable, isPodReady, secondsUntilAvailable } from './pod-util.js';
import { podFromTemplate } from './pod-template.js';
import { rankPodsForDeletion } from './rs-ranking.js';
import type { ReplicaSet, ReplicaSetStatus } from './types-apps.js';
import type { Pod, SimEvent } from './types-core.js';
import { deepEqual } from '../../machinery/deep.js';

export const BURST_REPLICAS = 500;

export interface ReplicaSetReconcile {
  create: Pod[];
  /** Names of pods to delete, best candidates first. */
  delete: string[];
  status: ReplicaSetStatus;
  /** False when status equals the stored one (no write needed). */
  statusChanged: boolean;
  events: SimEvent[];
  requeueAfterSeconds?: number;
}

/** The RS status (calculateStatus): counts over the active pods it controls. */
export function replicaSetStatus(rs: ReplicaSet, activePods: readonly Pod[], now: string): ReplicaSetStatus {
  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of activePods) {
    const labels = p.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, rs.spec.minReadySeconds ?? 0, now)) available++;
    }
  }
  const status: ReplicaSetStatus = { replicas: activePods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  // A successful sync clears ReplicaFailure; other conditions are carried over.
  const others = rs.status?.conditions?.filter((c) => c.type !== 'ReplicaFailure');
  if (others?.length) status.conditions = others;
  return status;
}

/**
 * @param ownedPods pods whose controller reference is this ReplicaSet
 * @param relatedPods pods of all ReplicaSets of the same owner (co-location ranking); defaults to ownedPods
 */
export function reconcileReplicaSet(rs: ReplicaSet, ownedPods: readonly Pod[], now: string, relatedPods: readonly Pod[] = ownedPods): ReplicaSetReconcile {
  const selector = labelSelectorFromSpec(rs.spec.selector);
  const active = ownedPods.filter((p) => isPodActive(p) && matchesLabels(selector, p.metadata.labels));
  const want = rs.spec.replicas ?? 1;
  const diff = active.length - want;
  const create: Pod[] = [];
  const del: string[] = [];
  const events: SimEvent[] = [];
  if (!rs.metadata.deletionTimestamp) {
    if (diff < 0) {
      const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
      const n = Math.min(-diff, BURST_REPLICAS);
      for (let i = 0; i < n; i++) create.push(podFromTemplate(rs.spec.template, rs.metadata.namespace, rs.metadata.name ?? '', ref));
    } else if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const ranked = n < active.length ? rankPodsForDeletion(active, relatedPods, now) : active;
      for (const p of ranked.slice(0, n)) {
        del.push(p.metadata.name ?? '');
        events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}` });
      }
    }
  }
  const status = replicaSetStatus(rs, active, now);
  const result: ReplicaSetReconcile = { create, delete: del, status, statusChanged: !deepEqual(status, rs.status ?? {}), events };
  const minReady = rs.spec.minReadySeconds ?? 0;
  if (minReady > 0 && (status.readyReplicas ?? 0) === want && (status.availableReplicas ?? 0) !== want) {
    const waits = active.map((p) => secondsUntilAvailable(p, minReady, now)).filter((s): s is number => s !== undefined);
    result.requeueAfterSeconds = waits.length ? Math.min(...waits) : minReady;
  }
  return result;
}

/** The Normal event for each pod the wiring created (name assigned by the API server). */
export function podCreatedEvent(podName: string): SimEvent {
  return { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${podName}` };
}
