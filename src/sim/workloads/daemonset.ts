// The DaemonSet controller's sync (pkg/controller/daemon): the current revision, one pod per eligible
// node (created pinned to the node, then placed by the scheduler), failed/excess/misplaced pods
// deleted, the RollingUpdate that replaces at most maxUnavailable old pods at a time, history cleanup,
// and the status.
//
// Wiring: reconcile on changes of the DaemonSet, its pods, its ControllerRevisions and of any Node.
// Like upstream's expectations, wait until created/deleted pods are visible before the next call.

import { deepClone, deepEqual } from '../../machinery/deep.js';
import { newControllerRef } from './controller-ref.js';
import {
  daemonPodTemplate,
  DAEMONSET_HASH_LABEL,
  isDaemonPodUpdated,
  nodeShouldRunDaemonPod,
  pinToNode,
  targetNodeName,
} from './daemonset-pod.js';
import { computeTemplateHash } from './hash.js';
import { scaledValue } from './intstr.js';
import { isPodAvailable, isPodReady, isPodTerminal, secondsUntilAvailable } from './pod-util.js';
import { podFromTemplate } from './pod-template.js';
import { revisionPatch, type RevisionAction } from './statefulset-revision.js';
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from './types-apps.js';
import type { Node, Pod, SimEvent } from './types-core.js';

export interface DaemonSetReconcile {
  revisions: RevisionAction[];
  createPods: Pod[];
  deletePods: string[];
  status: DaemonSetStatus;
  statusChanged: boolean;
  events: SimEvent[];
  requeueAfterSeconds?: number;
}

interface History {
  current: ControllerRevision;
  old: ControllerRevision[];
  hash: string;
  actions: RevisionAction[];
  collision: boolean;
}

function constructHistory(ds: DaemonSet, revisions: readonly ControllerRevision[]): History {
  const data = revisionPatch(ds.spec.template);
  const matching = revisions.filter((r) => deepEqual(r.data, data));
  const old = revisions.filter((r) => !matching.includes(r));
  const next = old.reduce((m, r) => Math.max(m, r.revision), 0) + 1;
  const actions: RevisionAction[] = [];
  if (matching.length === 0) {
    const hash = computeTemplateHash(ds.spec.template, ds.status?.collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    const metadata: ControllerRevision['metadata'] = {
      name,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [DAEMONSET_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
    };
    if (ds.metadata.namespace) metadata.namespace = ds.metadata.namespace;
    if (ds.metadata.annotations) metadata.annotations = { ...ds.metadata.annotations };
    const current: ControllerRevision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data, revision: next };
    const collision = revisions.some((r) => r.metadata.name === name);
    if (!collision) actions.push({ type: 'create', revision: current });
    return { current, old, hash, actions, collision };
  }
  // Keep the highest revision among duplicates.
  const sorted = [...matching].sort((a, b) => b.revision - a.revision);
  let current = sorted[0]!;
  for (const dup of sorted.slice(1)) actions.push({ type: 'delete', name: dup.metadata.name ?? '' });
  if (current.revision < next) {
    current = { ...deepClone(current), revision: next };
    actions.push({ type: 'update', revision: current });
  }
  const hash = current.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? current.metadata.name ?? '';
  return { current, old, hash, actions, collision: false };
}

function podsByNode(pods: readonly Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of pods) {
    if (isPodTerminal(p) && p.metadata.deletionTimestamp) continue;
    const node = targetNodeName(p);
    if (!node) continue;
    out.set(node, [...(out.get(node) ?? []), p]);
  }
  return out;
}

/** Scheduled first, then oldest, then name (podByCreationTimestampAndPhase). */
function oldestFirst(a: Pod, b: Pod): number {
  const sa = !!a.spec.nodeName;
  const sb = !!b.spec.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

function byName<T extends { metadata: { name?: string } }>(a: T, b: T): number {
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

export function reconcileDaemonSet(ds: DaemonSet, pods: readonly Pod[], nodes: readonly Node[], revisions: readonly ControllerRevision[], now: string): DaemonSetReconcile {
  const out: DaemonSetReconcile = { revisions: [], createPods: [], deletePods: [], status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }, statusChanged: false, events: [] };
  const history = constructHistory(ds, revisions);
  out.revisions.push(...history.actions);
  const sortedNodes = [...nodes].sort(byName);
  const byNode = podsByNode(pods);

  if (history.collision) {
    out.status = { ...(ds.status ?? out.status), collisionCount: (ds.status?.collisionCount ?? 0) + 1 };
    out.statusChanged = true;
    out.requeueAfterSeconds = 1;
    return out;
  }

  if (!ds.metadata.deletionTimestamp) {
    manage(ds, sortedNodes, byNode, history.hash, out);
    if (out.createPods.length === 0 && out.deletePods.length === 0 && (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      rollingUpdate(ds, sortedNodes, byNode, history.hash, now, out);
    }
    cleanupHistory(ds, pods, history.old, out);
  }
  updateStatus(ds, sortedNodes, byNode, history.hash, now, out);
  return out;
}

function manage(ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, out: DaemonSetReconcile): void {
  const needing: string[] = [];
  const toDelete: Pod[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const existing = byNode.get(name);
    if (shouldRun && !existing) {
      needing.push(name);
    } else if (shouldContinueRunning && existing) {
      const running: Pod[] = [];
      for (const p of existing) {
        if (p.metadata.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          out.events.push({ type: 'Warning', reason: 'FailedDaemonPod', message: `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to kill it` });
          toDelete.push(p);
        } else if (p.status?.phase === 'Succeeded') toDelete.push(p);
        else running.push(p);
      }
      if (running.length > 1) toDelete.push(...[...running].sort(oldestFirst).slice(1));
    } else if (!shouldContinueRunning && existing) {
      toDelete.push(...existing.filter((p) => !p.metadata.deletionTimestamp));
    }
  }
  const known = new Set(nodes.map((n) => n.metadata.name));
  for (const [node, list] of byNode) {
    if (known.has(node)) continue;
    toDelete.push(...list.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp));
  }
  const template = daemonPodTemplate(ds, hash);
  const ref = newControllerRef(ds, 'apps/v1', 'DaemonSet');
  for (const node of needing) {
    const t = deepClone(template);
    t.spec.affinity = pinToNode(t.spec.affinity, node);
    out.createPods.push(podFromTemplate(t, ds.metadata.namespace, ds.metadata.name ?? '', ref));
  }
  for (const p of toDelete) {
    out.deletePods.push(p.metadata.name ?? '');
    out.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}` });
  }
}

function maxUnavailableOf(ds: DaemonSet, desired: number): number {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  let unavailable = scaledValue(ru?.maxUnavailable, desired, true, 1);
  const surge = scaledValue(ru?.maxSurge, desired, true, 0);
  if (desired > 0 && unavailable === 0 && surge === 0) unavailable = 1;
  return unavailable;
}

function rollingUpdate(ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, now: string, out: DaemonSetReconcile): void {
  const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
  const maxUnavailable = maxUnavailableOf(ds, desired);
  const minReady = ds.spec.minReadySeconds ?? 0;
  let unavailable = 0;
  const replacements: string[] = [];
  const candidates: string[] = [];
  for (const node of [...byNode.keys()].sort()) {
    let newPod: Pod | undefined;
    let oldPod: Pod | undefined;
    let ok = true;
    for (const p of byNode.get(node)!) {
      if (p.metadata.deletionTimestamp) continue;
      if (isDaemonPodUpdated(ds, p, hash)) {
        if (newPod) ok = false;
        newPod = p;
      } else {
        if (oldPod) ok = false;
        oldPod = p;
      }
    }
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
      unavailable++;
      continue;
    }
    if (newPod) {
      if (!isPodAvailable(newPod, minReady, now)) unavailable++;
      continue;
    }
    if (!isPodAvailable(oldPod!, minReady, now)) {
      replacements.push(oldPod!.metadata.name ?? '');
      unavailable++;
    } else if (unavailable < maxUnavailable) {
      candidates.push(oldPod!.metadata.name ?? '');
    }
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  for (const name of [...replacements, ...candidates.slice(0, remaining)]) {
    out.deletePods.push(name);
    out.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${name}` });
  }
}

function cleanupHistory(ds: DaemonSet, pods: readonly Pod[], old: readonly ControllerRevision[], out: DaemonSetReconcile): void {
  let toKill = old.length - (ds.spec.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const live = new Set(pods.map((p) => p.metadata.labels?.[DAEMONSET_HASH_LABEL]).filter((h): h is string => !!h));
  for (const r of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (live.has(r.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? '')) continue;
    out.revisions.push({ type: 'delete', name: r.metadata.name ?? '' });
    toKill--;
  }
}

function updateStatus(ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, now: string, out: DaemonSetReconcile): void {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  const minReady = ds.spec.minReadySeconds ?? 0;
  const waits: number[] = [];
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const list = byNode.get(node.metadata.name ?? '') ?? [];
    if (shouldRun) {
      desired++;
      if (list.length === 0) continue;
      current++;
      const pod = [...list].sort(oldestFirst)[0]!;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
        else {
          const w = secondsUntilAvailable(pod, minReady, now);
          if (w !== undefined) waits.push(w);
        }
      }
      if (isDaemonPodUpdated(ds, pod, hash)) updated++;
    } else if (list.length > 0) misscheduled++;
  }
  const status: DaemonSetStatus = { currentNumberScheduled: current, numberMisscheduled: misscheduled, desiredNumberScheduled: desired, numberReady: ready };
  if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
  if (updated) status.updatedNumberScheduled = updated;
  if (available) status.numberAvailable = available;
  if (desired - available) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  out.status = status;
  out.statusChanged = !deepEqual(status, ds.status ?? {});
  if (minReady > 0 && ready !== available) out.requeueAfterSeconds = waits.length ? Math.min(...waits) : minReady;
}
