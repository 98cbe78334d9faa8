// The binder: for each cluster a binding dispatches to (its scheduled clusters and the clusters of the
// workloads that need it as a dependency), a Work in karmada-es-<cluster> holding the template with its
// share of replicas and its overrides. Works of clusters no longer targeted go — except while a graceful
// eviction task keeps the old copy running until its replacement is healthy. Then it aggregates the
// Works' status into the binding and the template (binding-status.ts).

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import type { ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import type { ControllerEnv } from '../env.js';
import { aggregateBindingStatus, pacerKey } from './binding-status.js';
import { ensureExecutionNamespace } from './execution-namespace.js';
import { WritePacer } from '../common/write-pacer.js';
import { BINDING_TYPES, bindingSpecOf, dispatchTargets, keyOf } from './binding-spec.js';
import { clusterInfoOf } from './cluster-facts.js';
import { bindingName, clusterOfExecutionNamespace, CLUSTER_OVERRIDE_POLICIES, CLUSTER_RESOURCE_BINDINGS, executionNamespace, OVERRIDE_POLICIES, RESOURCE_BINDINGS, WORK_BINDING_ANNOTATIONS, WORKS } from './kinds.js';
import { applyOverrides } from './overrides/apply.js';
import type { OverridePolicyObject } from './overrides/types.js';
import { divisionStrategy } from './scheduling/index.js';
import type { TemplateKinds } from './templates.js';
import { bindingLabel, CLUSTER_RESOURCE_BINDING_LABEL, hasReplicas, memberCopy, replacementWork, RESOURCE_BINDING_LABEL, workFor, workUpToDate } from './work-manifest.js';

const STATUS_INTERVAL_MS = 1000;
const BINDER_MANAGER = 'kurator-binding';

export function setupBinder(env: ControllerEnv, templates: TemplateKinds): void {
  const works = env.manager.informer(WORKS);
  // A binding's Works by its label (one scan per sync would cost O(all Works) with thousands of them).
  const BY_BINDING = 'binding';
  works.addIndex(BY_BINDING, (work) => {
    const labels = work.metadata.labels ?? {};
    return [RESOURCE_BINDING_LABEL, CLUSTER_RESOURCE_BINDING_LABEL].filter((k) => labels[k] !== undefined).map((k) => `${k}=${labels[k]}`);
  });
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  const overrideInformers = [...OVERRIDE_POLICIES, ...CLUSTER_OVERRIDE_POLICIES].map((type) => ({ type, informer: env.manager.informer(type) }));
  const namespaces = env.manager.informer(resources.namespaces);
  const overridePolicies = () => ({
    cluster: overrideInformers.filter((o) => !o.type.namespaced).flatMap((o) => o.informer.list()) as OverridePolicyObject[],
    namespaced: overrideInformers.filter((o) => o.type.namespaced).flatMap((o) => o.informer.list()) as OverridePolicyObject[],
  });

  // A binding's status sums up to hundreds of Works; space its writes (see WritePacer).
  const statusPacer = new WritePacer(STATUS_INTERVAL_MS);

  for (const bindingType of BINDING_TYPES) {
    const bindings = env.manager.informer(bindingType);
    const everyBinding = (): ObjectKey[] => bindings.list().map(keyOf);
    const bindingOfWork = (work: KubeObject): ObjectKey[] => {
      const annotations = work.metadata.annotations ?? {};
      if (bindingType === RESOURCE_BINDINGS) {
        const namespace = annotations[WORK_BINDING_ANNOTATIONS.namespace];
        const name = annotations[WORK_BINDING_ANNOTATIONS.name];
        return namespace && name ? [{ namespace, name }] : [];
      }
      const name = annotations[WORK_BINDING_ANNOTATIONS.clusterName];
      return name ? [{ name }] : [];
    };
    const controller = defineController(
      {
        name: `binding/${bindingType.kind}`,
        for: bindings,
        watches: [{ informer: works, map: bindingOfWork }, ...overrideInformers.map(({ informer }) => ({ informer, map: everyBinding }))],
        reconcile: async (key) => {
          const binding = bindings.get(key.namespace, key.name);
          if (!binding) statusPacer.forget(pacerKey({ kind: bindingType.kind, metadata: key }));
          if (!binding || binding.metadata.deletionTimestamp) return;
          const wait = await syncWorks(binding, bindingType);
          return wait === undefined ? undefined : { requeueAfterMs: wait };
        },
      },
      { log: env.log },
    );
    env.manager.add(controller);
    // A template change (image, env, replicas...) reaches its Works through its binding.
    // (An informer that just started also reports each object once it has listed it.)
    templates.onAnyKind(({ type, informer }) => {
      if ((bindingType === CLUSTER_RESOURCE_BINDINGS) === type.namespaced) return;
      const enqueue = (template: KubeObject): void => controller.enqueue({ namespace: template.metadata.namespace, name: bindingName(template.metadata.name ?? '', type.kind) });
      informer.addHandlers({ add: enqueue, update: (_old, template) => enqueue(template) });
    });
  }

  async function syncWorks(binding: KubeObject, bindingType: ResourceType): Promise<number | undefined> {
    const spec = bindingSpecOf(binding);
    const resource = spec.resource;
    const kind = resource ? templates.resolve(resource.apiVersion, resource.kind) : undefined;
    const template = kind?.informer.get(resource?.namespace, resource?.name ?? '');
    if (!resource || !kind || !template) return undefined;
    const targets = dispatchTargets(spec);
    const divided = divisionStrategy(spec.placement?.replicaScheduling).type !== 'Duplicated' && (spec.clusters?.length ?? 0) > 0;
    // First registration of a name wins, as in the scheduler's list.
    const clusterObjects = new Map<string, KubeObject>();
    for (const c of clusterInformers.flatMap((i) => i.list())) if (!clusterObjects.has(c.metadata.name ?? '')) clusterObjects.set(c.metadata.name ?? '', c);
    const policies = overridePolicies();
    const overrideErrors: string[] = [];
    for (const target of targets) {
      const clusterObject = clusterObjects.get(target.name);
      if (!clusterObject) continue;
      // The cluster's share of replicas first, then the overrides (Karmada's order), so a
      // replicasOverrider or plaintext /spec/replicas has the last word.
      const share = structuredClone(template);
      const scheduled = spec.clusters?.find((c) => c.name === target.name);
      if (divided && scheduled && hasReplicas(share)) (share.spec as Record<string, unknown>).replicas = scheduled.replicas;
      const result = applyOverrides(share, clusterInfoOf(clusterObject), policies);
      for (const e of result.errors) overrideErrors.push(`${target.name}: ${e.policy}: ${e.message}`);
      const esNamespace = executionNamespace(target.name);
      await ensureExecutionNamespace(env.client, namespaces, esNamespace);
      const work = workFor(binding, spec, target.name, memberCopy(result.object));
      const existing = works.get(esNamespace, work.metadata.name ?? '');
      // A Work being deleted is left to go (its finalizer is the execution controller's); the Work
      // informer's delete event brings the binding back to recreate it. One already as wanted is not
      // re-applied: Work status changes come back here often.
      if (existing && (existing.metadata.deletionTimestamp || workUpToDate(existing, work))) continue;
      // The binder alone writes a Work's spec and identity: a plain create or replace is enough (and far
      // cheaper than server-side apply at hundreds of Works per binding). A stale cache means a conflict,
      // retried with backoff once the informer has caught up.
      if (existing) await env.client.update(WORKS, replacementWork(existing, work), { fieldManager: BINDER_MANAGER });
      else await env.client.create(WORKS, work, { fieldManager: BINDER_MANAGER });
    }
    // Works of clusters this binding no longer dispatches to are removed (and with them the member copies),
    // unless a graceful eviction task still keeps one.
    const [labelKey, labelValue] = bindingLabel(binding);
    const mine = works.byIndex(BY_BINDING, `${labelKey}=${labelValue}`);
    const keep = new Set([...targets.map((t) => t.name), ...(spec.gracefulEvictionTasks ?? []).map((t) => t.fromCluster)]);
    for (const work of mine) {
      const cluster = clusterOfExecutionNamespace(work.metadata.namespace);
      if (cluster !== undefined && !keep.has(cluster) && !work.metadata.deletionTimestamp) await env.client.delete(WORKS, work.metadata.namespace, work.metadata.name ?? '').catch(() => undefined);
    }
    const current = mine.filter((w) => targets.some((t) => executionNamespace(t.name) === w.metadata.namespace));
    return aggregateBindingStatus(env, { binding, bindingType, template, templateType: kind.type, works: current, targets, overrideErrors, pacer: statusPacer });
  }
}
