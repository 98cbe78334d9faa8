// Graceful eviction: a cluster a binding was moved away from (cluster or application failover) keeps its
// Work while the replacement comes up. A task ends at once (Immediately), once every scheduled cluster
// reports the workload applied and healthy or the grace period ran out (Graciously), or never (Never:
// the old copy stays until someone removes the task). The binder deletes the Work when the task is gone.

import { defineController } from '../../client/controller.js';
import type { KubeObject } from '../../machinery/object.js';
import type { ControllerEnv } from '../env.js';
import { BINDING_TYPES, bindingSpecOf, bindingStatusOf, purgeModeOf, writeEvictionTasks, type GracefulEvictionTask } from './binding-spec.js';
import type { AggregatedItem } from './binding-status.js';

export function setupGracefulEviction(env: ControllerEnv): void {
  for (const bindingType of BINDING_TYPES) {
    const bindings = env.manager.informer(bindingType);
    env.manager.add(
      defineController(
        {
          name: `graceful-eviction/${bindingType.kind}`,
          for: bindings,
          reconcile: async (key) => {
            const binding = bindings.get(key.namespace, key.name);
            if (!binding || binding.metadata.deletionTimestamp) return;
            const tasks = bindingSpecOf(binding).gracefulEvictionTasks ?? [];
            if (tasks.length === 0) return;
            const now = Date.now();
            const replacementHealthy = replacementReady(binding);
            let nextLookMs: number | undefined;
            const remaining = tasks.filter((task) => {
              const mode = purgeModeOf(task.purgeMode, 'Graciously');
              if (mode === 'Never') return true;
              if (mode === 'Immediately' || replacementHealthy) return false;
              const left = deadlineOf(task, env.options.gracefulEvictionTimeoutSeconds) - now;
              if (left <= 0) return false;
              nextLookMs = Math.min(nextLookMs ?? Infinity, left);
              return true;
            });
            if (remaining.length !== tasks.length) {
              await writeEvictionTasks(env.client, binding, remaining);
              for (const task of tasks.filter((t) => !remaining.includes(t))) env.log.info({ binding: key, cluster: task.fromCluster, reason: task.reason }, 'graceful eviction finished');
            }
            return nextLookMs === undefined ? undefined : { requeueAfterMs: nextLookMs + 50 };
          },
        },
        { log: env.log },
      ),
    );
  }
}

function deadlineOf(task: GracefulEvictionTask, defaultSeconds: number): number {
  const created = Date.parse(task.creationTimestamp ?? '');
  const start = Number.isNaN(created) ? Date.now() : created;
  return start + (task.gracePeriodSeconds ?? defaultSeconds) * 1000;
}

/** The binding is scheduled as it now stands and every scheduled cluster runs the workload healthily. */
function replacementReady(binding: KubeObject): boolean {
  const spec = bindingSpecOf(binding);
  const status = bindingStatusOf(binding);
  if (status.schedulerObservedGeneration !== binding.metadata.generation) return false;
  const clusters = spec.clusters ?? [];
  if (clusters.length === 0) return false;
  const items = (Array.isArray(status.aggregatedStatus) ? status.aggregatedStatus : []) as AggregatedItem[];
  return clusters.every((c) => {
    const item = items.find((i) => i.clusterName === c.name);
    return item?.applied === true && item.health === 'Healthy';
  });
}
