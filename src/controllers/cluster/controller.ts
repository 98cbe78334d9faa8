// The cluster controller: for every AttachedCluster and seed Cluster, connect with the kubeconfig from
// its Secret, probe health every period, and report Ready (flipping only after consecutive results),
// version, nodes, resources, topology and the not-ready/unreachable taints; for seed Clusters also the
// Maintenance condition, looked at again when a scheduled maintenance starts.

import { defineController } from '../../client/controller.js';
import type { ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { ControllerEnv } from '../env.js';
import { HealthHistory, type Health } from './health.js';
import { CLUSTER_KINDS, kubeconfigRef } from '../common/cluster-kinds.js';
import { connectMember, MemberConnectError } from '../common/member-connect.js';
import { setCondition, type Condition } from '../common/conditions.js';
import { maintenanceCondition } from './maintenance.js';
import { probeHealth, readClusterFacts } from './probe.js';

export const TAINT_NOT_READY = 'cluster.karmada.io/not-ready';
export const TAINT_UNREACHABLE = 'cluster.karmada.io/unreachable';

const REASONS: Record<Health, string> = { Ready: 'ClusterReady', NotReady: 'ClusterNotReady', Unreachable: 'ClusterNotReachable' };

export function setupClusterController(env: ControllerEnv): void {
  const history = new HealthHistory(env.options.clusterFlipThreshold);
  const secrets = env.manager.informer(resources.secrets);
  for (const type of CLUSTER_KINDS) {
    const clusters = env.manager.informer(type);
    const referencing = (secret: KubeObject): ObjectKey[] =>
      clusters
        .list(secret.metadata.namespace)
        .filter((c) => kubeconfigRef(c)?.name === secret.metadata.name)
        .map((c) => ({ namespace: c.metadata.namespace, name: c.metadata.name ?? '' }));

    const writeStatus = async (object: KubeObject, status: Record<string, unknown>): Promise<void> => {
      const current = isPlainObject(object.status) ? object.status : {};
      const next = { ...current, ...status };
      if (deepEqual(current, next)) return;
      await env.client.update(type, { ...object, status: next }, { subresource: 'status' });
    };

    /** The object's conditions with these replaced by type. */
    const conditionsWith = (object: KubeObject, conditions: Condition[]): Condition[] =>
      conditions.reduce<unknown>((list, condition) => setCondition(list, condition), (object.status as { conditions?: unknown } | undefined)?.conditions) as Condition[];

    const notConnected = async (object: KubeObject, reason: string, message: string, extra: Condition[]): Promise<void> => {
      const status: Record<string, unknown> = {
        conditions: conditionsWith(object, [{ type: 'Ready', status: 'False', reason, message, observedGeneration: object.metadata.generation }, ...extra]),
        taints: [{ key: TAINT_UNREACHABLE, effect: 'NoSchedule' }],
      };
      if (type.kind === 'AttachedCluster') status.ready = false;
      else status.phase = 'NotReady';
      await writeStatus(object, status);
    };

    env.manager.add(
      defineController(
        {
          name: `cluster/${type.kind}`,
          for: clusters,
          watches: [{ informer: secrets, map: referencing }],
          reconcile: async (key) => {
            const object = clusters.get(key.namespace, key.name);
            const id = `${type.kind}/${key.namespace ?? ''}/${key.name}`;
            if (!object || object.metadata.deletionTimestamp) {
              env.members.forget(id);
              history.forget(id);
              return;
            }
            const maintenance = type.kind === 'Cluster' ? maintenanceCondition(object) : undefined;
            const extra = maintenance ? [maintenance.condition] : [];
            // A scheduled maintenance is looked at again just after it starts, if that is before the next probe.
            const period = { requeueAfterMs: Math.min(env.options.clusterProbeMs, maintenance?.startsInMs === undefined ? Infinity : maintenance.startsInMs + 50) };
            let connection;
            try {
              connection = connectMember(env.members, secrets, object);
            } catch (error) {
              if (!(error instanceof MemberConnectError)) throw error;
              await notConnected(object, error.reason, error.message, extra);
              return period;
            }
            const probe = await probeHealth(connection);
            const health = history.observe(id, probe.health);
            const status: Record<string, unknown> = {
              conditions: conditionsWith(object, [{ type: 'Ready', status: health === 'Ready' ? 'True' : 'False', reason: REASONS[health], message: health === probe.health ? probe.detail : `last probe: ${probe.detail}`, observedGeneration: object.metadata.generation }, ...extra]),
              taints: health === 'Ready' ? [] : [{ key: health === 'Unreachable' ? TAINT_UNREACHABLE : TAINT_NOT_READY, effect: 'NoSchedule' }],
              observedGeneration: object.metadata.generation,
            };
            if (type.kind === 'AttachedCluster') status.ready = health === 'Ready';
            else status.phase = health === 'Ready' ? 'Ready' : 'NotReady';
            if (probe.health === 'Ready') {
              try {
                Object.assign(status, await readClusterFacts(connection));
              } catch (error) {
                env.log.debug({ cluster: id, err: error }, 'cluster facts not read');
              }
            }
            await writeStatus(object, status);
            return period;
          },
        },
        { log: env.log },
      ),
    );
  }
}
