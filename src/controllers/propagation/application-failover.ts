// Application failover (policy spec.failover.application): a workload unhealthy on a cluster for longer
// than decisionConditions.tolerationSeconds is evicted from it — a graceful eviction task for that
// cluster, which the scheduler then leaves out, so the workload is placed elsewhere.

import { defineController } from '../../client/controller.js';
import type { KubeObject } from '../../machinery/object.js';
import type { ControllerEnv } from '../env.js';
import { BINDING_TYPES, bindingSpecOf, bindingStatusOf, displayName, purgeModeOf, writeEvictionTasks, type GracefulEvictionTask } from './binding-spec.js';
import type { AggregatedItem } from './binding-status.js';
import { templateOfBinding } from './template-ref.js';

/** Karmada's default decisionConditions.tolerationSeconds. */
const DEFAULT_TOLERATION_SECONDS = 300;

export function setupApplicationFailover(env: ControllerEnv): void {
  // binding uid → cluster → when it was first seen unhealthy (ms). Lost on restart, as upstream's is.
  const unhealthySince = new Map<string, Map<string, number>>();
  for (const bindingType of BINDING_TYPES) {
    const bindings = env.manager.informer(bindingType);
    env.manager.add(
      defineController(
        {
          name: `application-failover/${bindingType.kind}`,
          for: bindings,
          reconcile: async (key) => {
            const binding = bindings.get(key.namespace, key.name);
            const uid = binding?.metadata.uid ?? '';
            const application = binding ? bindingSpecOf(binding).failover?.application : undefined;
            if (!binding || binding.metadata.deletionTimestamp || !application) {
              unhealthySince.delete(uid);
              return;
            }
            const toleration = (application.decisionConditions?.tolerationSeconds ?? DEFAULT_TOLERATION_SECONDS) * 1000;
            const seen = unhealthySince.get(uid) ?? new Map<string, number>();
            unhealthySince.set(uid, seen);
            const now = Date.now();
            const evict: string[] = [];
            let nextLookMs: number | undefined;
            const spec = bindingSpecOf(binding);
            const items = (Array.isArray(bindingStatusOf(binding).aggregatedStatus) ? bindingStatusOf(binding).aggregatedStatus : []) as AggregatedItem[];
            for (const cluster of spec.clusters ?? []) {
              const item = items.find((i) => i.clusterName === cluster.name);
              if (item?.health !== 'Unhealthy') {
                seen.delete(cluster.name);
                continue;
              }
              const since = seen.get(cluster.name) ?? now;
              seen.set(cluster.name, since);
              const left = since + toleration - now;
              if (left <= 0) evict.push(cluster.name);
              else nextLookMs = Math.min(nextLookMs ?? Infinity, left);
            }
            for (const name of [...seen.keys()]) if (!(spec.clusters ?? []).some((c) => c.name === name)) seen.delete(name);
            if (evict.length) {
              const tasks = [...(spec.gracefulEvictionTasks ?? []), ...evict.map((cluster) => applicationFailureTask(binding, cluster, application))];
              await writeEvictionTasks(env.client, binding, tasks);
              const template = templateOfBinding(spec);
              for (const cluster of evict) {
                seen.delete(cluster);
                const message = `Evict from cluster ${cluster}: the application has been unhealthy for more than ${toleration / 1000}s`;
                if (template) env.events.record(template, { type: 'Warning', reason: 'EvictWorkloadFromClusterSucceed', message }, 'application-failover');
                env.log.info({ binding: displayName(binding.metadata), cluster }, 'application failover: evicting');
              }
            }
            return nextLookMs === undefined ? undefined : { requeueAfterMs: nextLookMs + 50 };
          },
        },
        { log: env.log },
      ),
    );
  }
}

function applicationFailureTask(binding: KubeObject, cluster: string, application: NonNullable<NonNullable<ReturnType<typeof bindingSpecOf>['failover']>['application']>): GracefulEvictionTask {
  const task: GracefulEvictionTask = {
    fromCluster: cluster,
    purgeMode: purgeModeOf(application.purgeMode, 'Graciously'),
    reason: 'ApplicationFailure',
    message: `the application has been unhealthy on cluster ${cluster} for longer than tolerated`,
    producer: 'ResourceBindingController',
    creationTimestamp: new Date().toISOString(),
  };
  if (application.gracePeriodSeconds !== undefined) task.gracePeriodSeconds = application.gracePeriodSeconds;
  const replicas = bindingSpecOf(binding).clusters?.find((c) => c.name === cluster)?.replicas;
  if (replicas) task.replicas = replicas;
  return task;
}
