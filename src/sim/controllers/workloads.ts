// The workload controllers of a simulated cluster (kube-controller-manager's): ReplicaSet, Deployment,
// StatefulSet, DaemonSet, Job and Endpoints. Each reconcile reads from informers (through indexes, so it
// touches only the objects it is about), asks the pure simulation logic in ../workloads what to do, and
// applies it through the client.

import { randomBytes } from 'node:crypto';
import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import type { ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { claimName } from '../workloads/statefulset-pod.js';
import { reconcileDaemonSet, reconcileDeployment, reconcileEndpoints, reconcileJob, reconcileReplicaSet, reconcileStatefulSet, type RevisionAction, type SimEvent } from '../workloads/index.js';
import type { ControllerRevision, DaemonSet, Deployment, Job, ReplicaSet, StatefulSet } from '../workloads/types-apps.js';
import type { Endpoints, Node, Pod, Service } from '../workloads/types-core.js';
import { copy, type SimContext } from './context.js';
import { controlledBy, indexByController, indexSelection, podsForSelector, servicesSelecting } from './indexes.js';
import { requeue, tolerant, writeStatus } from './owned.js';

export const PVCS: ResourceType = { group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true };
const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

export interface WorkloadInformers {
  pods: Informer;
  nodes: Informer;
  replicaSets: Informer;
  deployments: Informer;
  statefulSets: Informer;
  daemonSets: Informer;
  jobs: Informer;
  revisions: Informer;
  services: Informer;
  endpoints: Informer;
  claims: Informer;
}

function emit(ctx: SimContext, object: KubeObject, events: SimEvent[], component: string): void {
  for (const event of events) ctx.events.record(object, event, component);
}

async function applyRevisions(ctx: SimContext, namespace: string | undefined, actions: RevisionAction[]): Promise<void> {
  for (const action of actions) {
    if (action.type === 'create') await tolerant(ctx.client.create(resources.controllerrevisions, action.revision as unknown as KubeObject));
    else if (action.type === 'update') await tolerant(ctx.client.update(resources.controllerrevisions, action.revision as unknown as KubeObject));
    else await tolerant(ctx.client.delete(resources.controllerrevisions, namespace, action.name));
  }
}

/** The set's claims (every template, every ordinal it runs) that exist: the only names its reconcile asks about. */
function existingClaims(claims: Informer, set: StatefulSet): Set<string> {
  const out = new Set<string>();
  const templates = set.spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) return out;
  const start = set.spec.ordinals?.start ?? 0;
  const count = set.spec.replicas ?? 1;
  for (let ordinal = start; ordinal < start + count; ordinal++) {
    for (const template of templates) {
      const name = claimName(set, template.metadata.name, ordinal);
      if (claims.get(set.metadata.namespace, name)) out.add(name);
    }
  }
  return out;
}

async function createPods(ctx: SimContext, pods: Pod[]): Promise<void> {
  for (const pod of pods) await tolerant(ctx.client.create(resources.pods, pod as unknown as KubeObject));
}

async function deletePods(ctx: SimContext, namespace: string | undefined, names: string[]): Promise<void> {
  for (const name of names) await tolerant(ctx.client.delete(resources.pods, namespace, name));
}

export function setupWorkloadControllers(ctx: SimContext, inf: WorkloadInformers): void {
  const add = (name: string, spec: Omit<Parameters<typeof defineController>[0], 'name'>) => ctx.manager.add(defineController({ name: `${ctx.cluster}/${name}`, ...spec }, { log: ctx.log }));
  for (const informer of [inf.pods, inf.replicaSets, inf.revisions]) indexByController(informer);
  indexSelection(inf.pods, inf.services);

  add('replicaset', {
    for: inf.replicaSets,
    owns: [inf.pods],
    reconcile: async (key) => {
      const object = inf.replicaSets.get(key.namespace, key.name);
      if (!object || object.metadata.deletionTimestamp) return;
      const owned = controlledBy<Pod>(inf.pods, object);
      const result = reconcileReplicaSet(object as unknown as ReplicaSet, owned, ctx.now());
      await createPods(ctx, result.create);
      await deletePods(ctx, key.namespace, result.delete);
      if (result.statusChanged) await tolerant(writeStatus(ctx, resources.replicasets, object, result.status));
      emit(ctx, object, result.events, 'replicaset-controller');
      return requeue(result.requeueAfterSeconds);
    },
  });

  add('deployment', {
    for: inf.deployments,
    owns: [inf.replicaSets],
    reconcile: async (key) => {
      const object = inf.deployments.get(key.namespace, key.name);
      if (!object || object.metadata.deletionTimestamp) return;
      const replicaSets = controlledBy<ReplicaSet>(inf.replicaSets, object);
      const pods = [...new Set(replicaSets.flatMap((rs) => controlledBy<Pod>(inf.pods, rs as unknown as KubeObject)))];
      const result = reconcileDeployment(object as unknown as Deployment, replicaSets, pods, ctx.now());
      for (const action of result.actions) {
        if (action.type === 'create') await tolerant(ctx.client.create(resources.replicasets, action.replicaSet as unknown as KubeObject));
        else if (action.type === 'update') await tolerant(ctx.client.update(resources.replicasets, action.replicaSet as unknown as KubeObject));
        else await tolerant(ctx.client.delete(resources.replicasets, key.namespace, action.name));
      }
      let current = object;
      if (result.annotations) current = await ctx.client.patch(resources.deployments, key.namespace, key.name, 'merge', { metadata: { annotations: result.annotations } });
      if (result.statusChanged) await tolerant(writeStatus(ctx, resources.deployments, current, result.status));
      emit(ctx, object, result.events, 'deployment-controller');
      return requeue(result.requeueAfterSeconds);
    },
  });

  add('statefulset', {
    for: inf.statefulSets,
    owns: [inf.pods],
    reconcile: async (key) => {
      const object = inf.statefulSets.get(key.namespace, key.name);
      if (!object || object.metadata.deletionTimestamp) return;
      const set = object as unknown as StatefulSet;
      const pods = controlledBy<Pod>(inf.pods, object);
      const revisions = controlledBy<ControllerRevision>(inf.revisions, object);
      const claims = existingClaims(inf.claims, set);
      const result = reconcileStatefulSet(set, pods, revisions, claims, ctx.now());
      await applyRevisions(ctx, key.namespace, result.revisions);
      for (const claim of result.createClaims) await tolerant(ctx.client.create(PVCS, claim as unknown as KubeObject));
      await createPods(ctx, result.createPods);
      for (const pod of result.updatePods) await tolerant(ctx.client.update(resources.pods, pod as unknown as KubeObject));
      await deletePods(ctx, key.namespace, result.deletePods);
      if (result.statusChanged) await tolerant(writeStatus(ctx, resources.statefulsets, object, result.status));
      emit(ctx, object, result.events, 'statefulset-controller');
      return;
    },
  });

  const allDaemonSets = (): ObjectKey[] => inf.daemonSets.list().map((d) => ({ namespace: d.metadata.namespace, name: d.metadata.name ?? '' }));
  add('daemonset', {
    for: inf.daemonSets,
    owns: [inf.pods],
    watches: [{ informer: inf.nodes, map: allDaemonSets }],
    reconcile: async (key) => {
      const object = inf.daemonSets.get(key.namespace, key.name);
      if (!object || object.metadata.deletionTimestamp) return;
      const pods = controlledBy<Pod>(inf.pods, object);
      const revisions = controlledBy<ControllerRevision>(inf.revisions, object);
      const result = reconcileDaemonSet(object as unknown as DaemonSet, pods, inf.nodes.list() as unknown as Node[], revisions, ctx.now());
      await applyRevisions(ctx, key.namespace, result.revisions);
      await createPods(ctx, result.createPods);
      await deletePods(ctx, key.namespace, result.deletePods);
      if (result.statusChanged) await tolerant(writeStatus(ctx, resources.daemonsets, object, result.status));
      emit(ctx, object, result.events, 'daemonset-controller');
      return requeue(result.requeueAfterSeconds);
    },
  });

  add('job', {
    for: inf.jobs,
    owns: [inf.pods],
    reconcile: async (key) => {
      const object = inf.jobs.get(key.namespace, key.name);
      if (!object || object.metadata.deletionTimestamp) return;
      const pods = controlledBy<Pod>(inf.pods, object);
      const result = reconcileJob(object as unknown as Job, pods, ctx.now(), () => randomBytes(4).toString('hex').slice(0, 5));
      await createPods(ctx, result.createPods);
      await deletePods(ctx, key.namespace, result.deletePods);
      let current = object;
      if (result.interimStatus) {
        await tolerant(writeStatus(ctx, resources.jobs, current, result.interimStatus));
        current = (await ctx.client.get(resources.jobs, key.namespace, key.name)) ?? current;
      }
      for (const name of result.removeFinalizers) {
        const pod = inf.pods.get(key.namespace, name);
        if (!pod) continue;
        const finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        await tolerant(ctx.client.patch(resources.pods, key.namespace, name, 'merge', { metadata: { finalizers: finalizers.length ? finalizers : null } }));
      }
      if (result.statusChanged) await tolerant(writeStatus(ctx, resources.jobs, current, result.status));
      emit(ctx, object, result.events, 'job-controller');
      return requeue(result.requeueAfterSeconds);
    },
  });

  const selectingKeys = (pod: KubeObject): ObjectKey[] => servicesSelecting(inf.services, pod).map((s) => ({ namespace: s.metadata.namespace, name: s.metadata.name ?? '' }));
  add('endpoints', {
    for: inf.services,
    watches: [{ informer: inf.pods, map: selectingKeys }],
    reconcile: async (key) => {
      const service = inf.services.get(key.namespace, key.name);
      if (!service) return;
      const current = inf.endpoints.get(key.namespace, key.name) as unknown as Endpoints | undefined;
      const result = reconcileEndpoints(service as unknown as Service, podsForSelector(inf.pods, service) as unknown as Pod[], current, ctx.now());
      if (!result.changed || !result.endpoints) return;
      const desired = result.endpoints as unknown as KubeObject;
      if (current) await tolerant(ctx.client.update(resources.endpoints, { ...desired, metadata: { ...copy(current.metadata), ...desired.metadata, resourceVersion: current.metadata.resourceVersion } }));
      else await tolerant(ctx.client.create(resources.endpoints, desired));
      return;
    },
  });
}
