// Toleration matching with Kubernetes semantics (core/v1 Toleration.ToleratesTaint).

import type { Taint } from './cluster-info.js';
import { toleratesTaint } from '../../../machinery/taints.js';
import type { Toleration } from './types.js';

export { toleratesTaint };

/** The first taint with a scheduling effect (NoSchedule, NoExecute) that no toleration tolerates. */
export function findUntoleratedTaint(taints: Taint[], tolerations: Toleration[] | undefined): Taint | undefined {
  return taints.find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !(tolerations ?? []).some((toleration) => toleratesTaint(toleration, taint)),
  );
}

/** `key=value:effect`, or `key:effect` without a value. */
export function formatTaint(taint: Taint): string {
  return taint.value ? `${taint.key}=${taint.value}:${taint.effect}` : `${taint.key}:${taint.effect}`;
}
