// Which pods a ReplicaSet deletes first when scaling down (controller.ActivePodsWithRanks, with the
// LogarithmicScaleDown and PodDeletionCost behaviour on by default):
//   unassigned < assigned; Pending < Unknown < Running; not ready < ready; lower deletion cost;
//   more co-located related pods; ready more recently (log2 buckets); more restarts; created more
//   recently (log2 buckets); then UID.

import { isPodActive, isPodReady, podCondition } from './pod-util.js';
import type { Pod } from './types-core.js';
import { toMillis } from './time.js';

// Phases not listed rank as Pending (0), as in Go's map lookup; a Map, so that any phase string is a key.
const PHASE_ORDINAL = new Map<string, number>([
  ['Pending', 0],
  ['Unknown', 1],
  ['Running', 2],
]);
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[DELETION_COST];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : 0;
}

function logRank(time: string | undefined, nowMs: number): number {
  if (!time) return -1;
  const d = (nowMs - toMillis(time)) * 1e6; // nanoseconds, as Go durations
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders candidates so that the first ones are deleted first. */
export function rankPodsForDeletion(pods: readonly Pod[], relatedPods: readonly Pod[], now: string): Pod[] {
  const nowMs = toMillis(now);
  const onNode = new Map<string, number>();
  for (const p of relatedPods) if (isPodActive(p)) onNode.set(p.spec.nodeName ?? '', (onNode.get(p.spec.nodeName ?? '') ?? 0) + 1);
  const rank = (p: Pod): number => onNode.get(p.spec.nodeName ?? '') ?? 0;
  return [...pods].sort((a, b) => {
    const na = a.spec.nodeName ?? '';
    const nb = b.spec.nodeName ?? '';
    if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
    const pa = PHASE_ORDINAL.get(a.status?.phase ?? '') ?? 0;
    const pb = PHASE_ORDINAL.get(b.status?.phase ?? '') ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a);
    const rb = isPodReady(b);
    if (ra !== rb) return ra ? 1 : -1;
    if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (ra && rb) {
      const ta = podCondition(a, 'Ready')?.lastTransitionTime;
      const tb = podCondition(b, 'Ready')?.lastTransitionTime;
      if (ta !== tb) {
        const diff = logRank(ta, nowMs) - logRank(tb, nowMs);
        if (diff !== 0) return diff;
        return compareStrings(a.metadata.uid ?? '', b.metadata.uid ?? '');
      }
    }
    if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
    const ca = a.metadata.creationTimestamp;
    const cb = b.metadata.creationTimestamp;
    if (ca !== cb) {
      const diff = logRank(ca, nowMs) - logRank(cb, nowMs);
      if (diff !== 0) return diff;
    }
    return compareStrings(a.metadata.uid ?? '', b.metadata.uid ?? '');
  });
}
