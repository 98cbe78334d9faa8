// The fleet controller: a Fleet's member clusters (spec.clusters [{name, kind}]) are labelled
// fleet.kurator.dev/fleet-name, counted ready/unready in status, and released when the Fleet goes.

import { defineController } from '../../client/controller.js';
import type { ObjectKey } from '../../client/controller-types.js';
import { resourceTypeOf } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { CLUSTER_KINDS, typeOfKind } from '../common/cluster-kinds.js';
import type { ControllerEnv } from '../env.js';
import { conditionTrue, setCondition } from '../common/conditions.js';
import { WritePacer } from '../common/write-pacer.js';

export const FLEETS = resourceTypeOf('fleet.kurator.dev', 'v1alpha1', 'fleets', 'Fleet', true);
export const FLEET_LABEL = 'fleet.kurator.dev/fleet-name';
const FINALIZER = 'fleet.kurator.dev/release-clusters';
/**
 * A fleet's status lists every member, so with a thousand clusters joining, one write per cluster change
 * would rewrite a thousand-entry object a thousand times. Writes are spaced at least this far apart;
 * changes meanwhile land in the next one.
 */
const MIN_STATUS_INTERVAL_MS = 500;
/** Fleets by `<namespace>/<kind>/<name>` of every cluster their spec.clusters lists. */
const MEMBER_INDEX = 'fleet/member';
/** Clusters by `<namespace>/<fleet>` of their fleet label. */
const LABEL_INDEX = 'fleet/label';

interface MemberRef {
  name: string;
  kind: string;
}

function membersOf(fleet: KubeObject): MemberRef[] {
  const spec = isPlainObject(fleet.spec) ? fleet.spec : {};
  const clusters = Array.isArray(spec.clusters) ? spec.clusters : [];
  return clusters.filter((c): c is { name: string; kind?: string } => isPlainObject(c) && typeof c.name === 'string').map((c) => ({ name: c.name, kind: c.kind === 'Cluster' ? 'Cluster' : 'AttachedCluster' }));
}

const isReady = (cluster: KubeObject): boolean => conditionTrue(cluster, 'Ready');
/** Whether an update changed what a fleet reads of its member: readiness and the fleet label. */
const fleetFactsChanged = (old: KubeObject, next: KubeObject): boolean =>
  isReady(old) !== isReady(next) || old.metadata.labels?.[FLEET_LABEL] !== next.metadata.labels?.[FLEET_LABEL];
const memberKey = (namespace: string | undefined, kind: string | undefined, name: string | undefined): string => `${namespace ?? ''}/${kind ?? ''}/${name ?? ''}`;
const fleetKey = (namespace: string | undefined, fleet: string | undefined): string => `${namespace ?? ''}/${fleet ?? ''}`;

export function setupFleetController(env: ControllerEnv): void {
  const fleets = env.manager.informer(FLEETS);
  const clusterInformers = new Map(CLUSTER_KINDS.map((t) => [t.kind, env.manager.informer(t)]));
  fleets.addIndex(MEMBER_INDEX, (f) => membersOf(f).map((m) => memberKey(f.metadata.namespace, m.kind, m.name)));
  for (const informer of clusterInformers.values()) {
    informer.addIndex(LABEL_INDEX, (c) => {
      const fleet = c.metadata.labels?.[FLEET_LABEL];
      return fleet === undefined ? [] : [fleetKey(c.metadata.namespace, fleet)];
    });
  }
  /** The fleets that list the cluster, and the one its label names. */
  const fleetsListing = (cluster: KubeObject): ObjectKey[] => {
    const namespace = cluster.metadata.namespace;
    const found = new Map<string, KubeObject>();
    for (const f of fleets.byIndex(MEMBER_INDEX, memberKey(namespace, cluster.kind, cluster.metadata.name))) found.set(f.metadata.name ?? '', f);
    const labelled = cluster.metadata.labels?.[FLEET_LABEL];
    const named = labelled === undefined ? undefined : fleets.get(namespace, labelled);
    if (named) found.set(named.metadata.name ?? '', named);
    return [...found.values()].map((f) => ({ namespace: f.metadata.namespace, name: f.metadata.name ?? '' }));
  };

  const pacer = new WritePacer(MIN_STATUS_INTERVAL_MS);
  const labelIs = (cluster: KubeObject, fleet: string | null): boolean => (cluster.metadata.labels?.[FLEET_LABEL] ?? null) === fleet;
  const setLabel = async (cluster: KubeObject, fleet: string | null): Promise<void> => {
    await env.client.patch(typeOfKind(cluster.kind), cluster.metadata.namespace, cluster.metadata.name ?? '', 'merge', { metadata: { labels: { [FLEET_LABEL]: fleet } } });
  };

  env.manager.add(
    defineController(
      {
        name: 'fleet',
        for: fleets,
        // A member's status is rewritten on every probe; a fleet only reads whether it is Ready and its label.
        watches: [...clusterInformers.values()].map((informer) => ({ informer, map: fleetsListing, updated: fleetFactsChanged })),
        reconcile: async (key) => {
          const fleet = fleets.get(key.namespace, key.name);
          if (!fleet) {
            pacer.forget(`${key.namespace}/${key.name}`);
            return;
          }
          const namespace = fleet.metadata.namespace;
          const members = membersOf(fleet);
          const labelledClusters = [...clusterInformers.values()].flatMap((i) => i.byIndex(LABEL_INDEX, fleetKey(namespace, fleet.metadata.name)));

          if (fleet.metadata.deletionTimestamp) {
            for (const cluster of labelledClusters) if (!labelIs(cluster, null)) await setLabel(cluster, null);
            const finalizers = (fleet.metadata.finalizers ?? []).filter((f) => f !== FINALIZER);
            await env.client.patch(FLEETS, namespace, key.name, 'merge', { metadata: { finalizers: finalizers.length ? finalizers : null } });
            return;
          }
          if (!(fleet.metadata.finalizers ?? []).includes(FINALIZER)) {
            await env.client.patch(FLEETS, namespace, key.name, 'json', [{ op: 'add', path: fleet.metadata.finalizers ? '/metadata/finalizers/-' : '/metadata/finalizers', value: fleet.metadata.finalizers ? FINALIZER : [FINALIZER] }]);
            return;
          }

          // Reading every member costs as much as the fleet is large, and each member's change asks for it:
          // while a status write is being held back, the whole pass waits with it (labels included).
          const held = pacer.wait(`${namespace}/${key.name}`);
          if (held > 0) return { requeueAfterMs: held };

          const statuses: { name: string; kind: string; ready: boolean; reason?: string }[] = [];
          for (const member of members) {
            const cluster = clusterInformers.get(member.kind)?.get(namespace, member.name);
            if (!cluster) {
              statuses.push({ name: member.name, kind: member.kind, ready: false, reason: `${member.kind} ${namespace}/${member.name} does not exist` });
              continue;
            }
            const owner = cluster.metadata.labels?.[FLEET_LABEL];
            if (owner && owner !== fleet.metadata.name && fleets.get(namespace, owner)) {
              statuses.push({ name: member.name, kind: member.kind, ready: false, reason: `already a member of fleet ${owner}` });
              continue;
            }
            // A thousand members are looked at on every change to any of them: only a missing label waits on a write.
            if (!labelIs(cluster, fleet.metadata.name ?? '')) await setLabel(cluster, fleet.metadata.name ?? '');
            const ready = isReady(cluster);
            statuses.push(ready ? { name: member.name, kind: member.kind, ready } : { name: member.name, kind: member.kind, ready, reason: 'the cluster is not Ready' });
          }
          // Clusters removed from spec.clusters are released.
          const listed = new Set(members.map((m) => memberKey(namespace, m.kind, m.name)));
          for (const cluster of labelledClusters) if (!listed.has(memberKey(namespace, cluster.kind, cluster.metadata.name)) && !labelIs(cluster, null)) await setLabel(cluster, null);

          const readyCount = statuses.filter((s) => s.ready).length;
          const unready = statuses.length - readyCount;
          const phase = statuses.length > 0 && unready === 0 ? 'Ready' : 'Pending';
          const previous = isPlainObject(fleet.status) ? fleet.status : {};
          const status = {
            ...previous,
            phase,
            readyClusters: readyCount,
            unReadyClusters: unready,
            clusters: statuses,
            observedGeneration: fleet.metadata.generation,
            conditions: setCondition(previous.conditions, {
              type: 'Ready',
              status: phase === 'Ready' ? 'True' : 'False',
              reason: phase === 'Ready' ? 'AllClustersReady' : statuses.length === 0 ? 'NoClusters' : 'ClustersNotReady',
              message: phase === 'Ready' ? `all ${readyCount} clusters are ready` : statuses.length === 0 ? 'the fleet lists no clusters in spec.clusters' : `${unready} of ${statuses.length} clusters are not ready`,
              observedGeneration: fleet.metadata.generation,
            }),
          };
          if (deepEqual(previous, status)) return;
          const wait = pacer.take(`${namespace}/${key.name}`);
          if (wait > 0) return { requeueAfterMs: wait };
          await env.client.update(FLEETS, { ...fleet, status }, { subresource: 'status' });
          return;
        },
      },
      { log: env.log },
    ),
  );
}
