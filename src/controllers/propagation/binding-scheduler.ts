// The binding scheduler: places each ResourceBinding's replicas on clusters (filter → spread → divide)
// and writes spec.clusters and the Scheduled condition.

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import type { ControllerEnv } from '../env.js';
import { clusterInfoOf, failoverState, maintenanceState } from './cluster-facts.js';
import { RESOURCE_BINDINGS } from './kinds.js';
import { scheduleBinding, type Placement, type TargetCluster } from './scheduling/index.js';
import { setCondition } from '../common/conditions.js';

export function setupBindingScheduler(env: ControllerEnv): void {
  const bindings = env.manager.informer(RESOURCE_BINDINGS);
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  const everyBinding = (): ObjectKey[] => bindings.list().map((b) => ({ namespace: b.metadata.namespace, name: b.metadata.name ?? '' }));
  env.manager.add(
    defineController(
      {
        name: 'scheduler',
        for: bindings,
        watches: clusterInformers.map((informer) => ({ informer, map: everyBinding })),
        reconcile: async (key) => {
          const binding = bindings.get(key.namespace, key.name);
          if (!binding || binding.metadata.deletionTimestamp) return;
          const spec = (isPlainObject(binding.spec) ? binding.spec : {}) as { placement?: Placement; replicas?: number; clusters?: TargetCluster[]; resource?: { apiVersion: string; kind: string } };
          // A cluster in maintenance takes no placements and loses the ones it had, so its workloads move
          // to the other eligible clusters; a scheduled maintenance is looked at again when it starts.
          let nextLookMs: number | undefined;
          const clusters = clusterInformers
            .flatMap((i) => i.list())
            .filter((c: KubeObject) => {
              const maintenance = maintenanceState(c);
              if (maintenance.startsInMs !== undefined) nextLookMs = Math.min(nextLookMs ?? Infinity, maintenance.startsInMs);
              // Failover: past the tolerated NotReady time the cluster's placements move elsewhere.
              const failover = failoverState(c, spec.placement?.clusterTolerations, env.options.defaultFailoverTolerationSeconds);
              if (failover.inMs !== undefined && Number.isFinite(failover.inMs)) nextLookMs = Math.min(nextLookMs ?? Infinity, failover.inMs);
              return !maintenance.active && !failover.evict;
            })
            .map((c: KubeObject) => clusterInfoOf(c));
          const later = nextLookMs === undefined ? undefined : { requeueAfterMs: nextLookMs + 100 };
          const input: Parameters<typeof scheduleBinding>[0] = { placement: spec.placement, replicas: spec.replicas ?? 0, clusters, tieBreakKey: binding.metadata.uid ?? key.name };
          if (spec.clusters) input.previous = spec.clusters;
          if (spec.resource) input.resource = spec.resource;
          const result = scheduleBinding(input);
          const status = isPlainObject(binding.status) ? binding.status : {};
          if ('error' in result) {
            const next = { ...status, conditions: setCondition(status.conditions, { type: 'Scheduled', status: 'False', reason: 'NoClusterFit', message: result.error, observedGeneration: binding.metadata.generation }) };
            if (!deepEqual(next, status)) await env.client.update(RESOURCE_BINDINGS, { ...structuredClone(binding), status: next }, { subresource: 'status' });
            return later;
          }
          let current = binding;
          if (!deepEqual(result.clusters, spec.clusters ?? [])) {
            current = await env.client.patch(RESOURCE_BINDINGS, key.namespace, key.name, 'merge', { spec: { clusters: result.clusters } });
          }
          const currentStatus = isPlainObject(current.status) ? current.status : {};
          const next = {
            ...currentStatus,
            schedulerObservedGeneration: current.metadata.generation,
            conditions: setCondition(currentStatus.conditions, { type: 'Scheduled', status: 'True', reason: 'Success', message: `Binding has been scheduled to ${result.clusters.map((c) => c.name).join(', ') || 'no cluster'}`, observedGeneration: current.metadata.generation }),
          };
          if (!deepEqual(next, currentStatus)) await env.client.update(RESOURCE_BINDINGS, { ...structuredClone(current), status: next }, { subresource: 'status' });
          return later;
        },
      },
      { log: env.log },
    ),
  );
}
