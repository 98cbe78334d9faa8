// Execution spaces (Karmada's cluster controller removes a cluster's karmada-es-<cluster> namespace when the
// cluster is deleted): a karmada-es-<name> namespace on the hub with no registered cluster of that name is
// deleted, taking the cluster's Works with it. Execution spaces are only created for registered clusters,
// so one without a cluster belongs to a cluster that is gone.

import { defineController } from '../../client/controller.js';
import type { Informer } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import type { ControllerEnv } from '../env.js';
import { clusterOfExecutionNamespace, executionNamespace } from './kinds.js';

export function setupExecutionSpaces(env: ControllerEnv): void {
  const namespaces = env.manager.informer(resources.namespaces);
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  // Clusters of both kinds and every namespace share one execution space per name, as in namespace sync.
  const registered = (name: string): boolean =>
    clusterInformers.some((i) => i.list().some((c) => c.metadata.name === name && !c.metadata.deletionTimestamp));

  env.manager.add(
    defineController(
      {
        name: 'execution-space',
        for: namespaces,
        watches: clusterInformers.map((informer) => ({ informer, map: (cluster) => [{ name: executionNamespace(cluster.metadata.name ?? '') }] })),
        reconcile: async (key) => {
          const cluster = clusterOfExecutionNamespace(key.name);
          if (!cluster) return;
          const namespace = namespaces.get(undefined, key.name);
          if (!namespace || namespace.metadata.deletionTimestamp || registered(cluster)) return;
          env.log.info({ namespace: key.name, cluster }, 'deleting the execution space of an unregistered cluster');
          await env.client.delete(resources.namespaces, undefined, key.name).catch((e: { code?: number }) => {
            if (e.code !== 404) throw e;
          });
        },
      },
      { log: env.log },
    ),
  );
}
