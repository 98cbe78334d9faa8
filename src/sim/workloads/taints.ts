// Taints and tolerations (core/v1 Toleration.ToleratesTaint, FindMatchingUntoleratedTaint).

import { toleratesTaint } from '../../machinery/taints.js';
import type { Taint, Toleration } from './types-core.js';

export { toleratesTaint };

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
