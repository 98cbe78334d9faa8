// What of a member object's status is recorded on its Work. Kinds with a dedicated reflector keep what
// aggregation and health need; every other kind has its whole status recorded.

import type { KubeObject } from '../../../machinery/object.js';
import { reflectPodDisruptionBudget } from './disruption-budget.js';
import { reflectJob } from './job.js';
import { K, kindKey } from './kind.js';
import { reflectService } from './load-balancer.js';
import { intAt, Malformed, statusOf } from './read.js';
import type { Status } from './types.js';
import { setInt } from './write.js';
import { reflectWorkload, WORKLOAD_COUNTS } from './workloads.js';

function reflectHorizontalPodAutoscaler(member: KubeObject): Status | undefined {
  const status = statusOf(member);
  if (!status) return undefined;
  const out: Status = {};
  setInt(out, { name: 'currentReplicas' }, intAt(status, 'currentReplicas'));
  setInt(out, { name: 'desiredReplicas', required: true }, intAt(status, 'desiredReplicas'));
  return out;
}

function reflectWholeStatus(member: KubeObject): Status | undefined {
  const status = statusOf(member);
  return status ? structuredClone(status) : undefined;
}

const REFLECTORS: Readonly<Record<string, (member: KubeObject) => Status | undefined>> = {
  [K.deployment]: (m) => reflectWorkload(m, WORKLOAD_COUNTS[K.deployment]!),
  [K.statefulSet]: (m) => reflectWorkload(m, WORKLOAD_COUNTS[K.statefulSet]!),
  [K.daemonSet]: (m) => reflectWorkload(m, WORKLOAD_COUNTS[K.daemonSet]!),
  [K.service]: reflectService,
  [K.job]: reflectJob,
  [K.podDisruptionBudget]: reflectPodDisruptionBudget,
  [K.horizontalPodAutoscaler]: reflectHorizontalPodAutoscaler,
};

/** What of a member object's status is recorded on the Work; undefined = nothing to record. */
export function reflectStatus(member: KubeObject): Record<string, unknown> | undefined {
  const reflect = REFLECTORS[kindKey(member)] ?? reflectWholeStatus;
  try {
    return reflect(member);
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}
