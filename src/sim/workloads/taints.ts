// Taints and tolerations (core/v1 Toleration.ToleratesTaint, FindMatchingUntoleratedTaint).

import type { Taint, Toleration } from './types-core.js';

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function toleratesAll(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint (in the node's order) passing `include` that no toleration tolerates. */
export function firstUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  include: (t: Taint) => boolean,
): Taint | undefined {
  return (taints ?? []).find((t) => include(t) && !toleratesAll(tolerations, t));
}

export const blocksScheduling = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
export const blocksExecution = (t: Taint): boolean => t.effect === 'NoExecute';
