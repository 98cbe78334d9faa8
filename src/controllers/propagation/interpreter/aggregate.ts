// The template's status from its members' reflected statuses, for the kinds that aggregate.

import type { KubeObject } from '../../../machinery/object.js';
import { aggregatePodDisruptionBudget } from './disruption-budget.js';
import { aggregateCronJob, aggregateJob } from './job.js';
import { K, kindKey } from './kind.js';
import { aggregateIngress, aggregateService } from './load-balancer.js';
import { aggregatePod } from './pod.js';
import { Malformed } from './read.js';
import type { Status, StatusItem } from './types.js';
import { aggregatePersistentVolume, aggregatePersistentVolumeClaim } from './volumes.js';
import { aggregateWorkload, WORKLOAD_COUNTS } from './workloads.js';

type Aggregator = (template: KubeObject, items: readonly StatusItem[]) => Status | undefined;

const AGGREGATORS: Readonly<Record<string, Aggregator>> = {
  [K.deployment]: (t, items) => aggregateWorkload(t, items, WORKLOAD_COUNTS[K.deployment]!),
  [K.statefulSet]: (t, items) => aggregateWorkload(t, items, WORKLOAD_COUNTS[K.statefulSet]!),
  [K.daemonSet]: (t, items) => aggregateWorkload(t, items, WORKLOAD_COUNTS[K.daemonSet]!),
  [K.job]: aggregateJob,
  [K.cronJob]: aggregateCronJob,
  [K.service]: aggregateService,
  [K.ingress]: aggregateIngress,
  [K.pod]: aggregatePod,
  [K.persistentVolume]: aggregatePersistentVolume,
  [K.persistentVolumeClaim]: aggregatePersistentVolumeClaim,
  [K.podDisruptionBudget]: aggregatePodDisruptionBudget,
};

/**
 * The template's new status from per-cluster reflected statuses; undefined when the template's status is
 * to be left alone (a kind that does not aggregate, a non-LoadBalancer Service, a finished Job, a Pod
 * with no target cluster, or unreadable input).
 */
export function aggregateStatus(template: KubeObject, items: { clusterName: string; status?: Record<string, unknown> }[]): Record<string, unknown> | undefined {
  const aggregate = AGGREGATORS[kindKey(template)];
  if (!aggregate) return undefined;
  try {
    return aggregate(template, items);
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}
