// The binder: for each cluster a binding dispatches to (its scheduled clusters and the clusters of the
// workloads that need it as a dependency), a Work in karmada-es-<cluster> holding the template with its
// share of replicas and its overrides. Works of clusters no longer targeted go — except while a graceful
// eviction task keeps the old copy running until its replacement is healthy. Status flows the other way
// in binding-status-controller.ts; Work status writes do not wake the binder.

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import type { KubeObject } from '../../machinery/object.js';
import { changedBeyondStatus } from '../common/changes.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import type { ControllerEnv } from '../env.js';
import { BINDING_TYPES, bindingSpecOf, dispatchTargets, keyOf } from './binding-spec.js';
import { bindingOfWork, type BindingWorks } from './binding-works.js';
import { clusterInfoOf } from './cluster-facts.js';
import { PIPELINE_WORKERS } from './concurrency.js';
import { ensureExecutionNamespace } from './execution-namespace.js';
import { bindingName, clusterOfExecutionNamespace, CLUSTER_OVERRIDE_POLICIES, CLUSTER_RESOURCE_BINDINGS, executionNamespace, OVERRIDE_POLICIES, WORKS } from './kinds.js';
import { applyOverrides } from './overrides/apply.js';
import type { OverridePolicyObject } from './overrides/types.js';
import { divisionStrategy } from './scheduling/index.js';
import type { TemplateKinds } from './templates.js';
import { hasReplicas, memberCopy, replacementWork, workFor, workUpToDate } from './work-manifest.js';

const BINDER_MANAGER = 'kurator-binding';

export function setupBinder(env: ControllerEnv, templates: TemplateKinds, bindingWorks: BindingWorks): void {
  const works = bindingWorks.works;
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  const overrideInformers = [...OVERRIDE_POLICIES, ...CLUSTER_OVERRIDE_POLICIES].map((type) => ({ type, informer: env.manager.informer(type) }));
  const namespaces = env.manager.informer(resources.namespaces);
  const overridePolicies = () => ({
    cluster: overrideInformers.filter((o) => !o.type.namespaced).flatMap((o) => o.informer.list()) as OverridePolicyObject[],
    namespaced: overrideInformers.filter((o) => o.type.namespaced).flatMap((o) => o.informer.list()) as OverridePolicyObject[],
  });

  for (const bindingType of BINDING_TYPES) {
    const bindings = env.manager.informer(bindingType);
    const everyBinding = (): ObjectKey[] => bindings.list().map(keyOf);
    const controller = defineController(
      {
        name: `binding/${bindingType.kind}`,
        for: bindings,
        // The binder reads a binding's spec and identity; its status (aggregated Work status) is not an input.
        forUpdated: changedBeyondStatus,
        workers: PIPELINE_WORKERS,
        watches: [
          // A Work's status changing is not the binder's business; a Work edited or deleted is. A Work
          // appearing is not either (as in Karmada's binding controller): the binder wrote it, and
          // waking up for each of a binding's hundred new Works only compares them all again.
          { informer: works, map: bindingOfWork(bindingType), added: () => false, updated: changedBeyondStatus },
          ...overrideInformers.map(({ informer }) => ({ informer, map: everyBinding })),
        ],
        reconcile: async (key) => {
          const binding = bindings.get(key.namespace, key.name);
          if (!binding) bindingWorks.setOverrideErrors(bindingType.kind, key, undefined);
          if (!binding || binding.metadata.deletionTimestamp) return;
          await syncWorks(binding, bindingType.kind);
        },
      },
      { log: env.log },
    );
    env.manager.add(controller);
    // A template change (image, env, replicas...) reaches its Works through its binding; the template's
    // status (which the binding-status controller writes) does not matter here.
    // (An informer that just started also reports each object once it has listed it.)
    templates.onAnyKind(({ type, informer }) => {
      if ((bindingType === CLUSTER_RESOURCE_BINDINGS) === type.namespaced) return;
      const enqueue = (template: KubeObject): void => controller.enqueue({ namespace: template.metadata.namespace, name: bindingName(template.metadata.name ?? '', type.kind) });
      informer.addHandlers({ add: enqueue, update: (old, template) => changedBeyondStatus(old, template) && enqueue(template) });
    });
  }

  /**
   * The binder alone writes a Work's spec and identity: a plain create or replace is enough (and far
   * cheaper than server-side apply at hundreds of Works per binding). A stale cache means a conflict,
   * retried with backoff once the informer has caught up.
   */
  async function writeWork(existing: KubeObject | undefined, work: KubeObject): Promise<void> {
    await ensureExecutionNamespace(env.client, namespaces, work.metadata.namespace ?? '');
    if (existing) await env.client.update(WORKS, replacementWork(existing, work), { fieldManager: BINDER_MANAGER });
    else await env.client.create(WORKS, work, { fieldManager: BINDER_MANAGER });
  }

  async function syncWorks(binding: KubeObject, bindingKind: string): Promise<void> {
    const spec = bindingSpecOf(binding);
    const found = templates.templateOf(spec.resource);
    if (!found) return;
    const { template } = found;
    const targets = dispatchTargets(spec);
    const divided = divisionStrategy(spec.placement?.replicaScheduling).type !== 'Duplicated' && (spec.clusters?.length ?? 0) > 0;
    const scheduled = new Map((spec.clusters ?? []).map((c) => [c.name, c.replicas]));
    // First registration of a name wins, as in the scheduler's list.
    const clusterObjects = new Map<string, KubeObject>();
    for (const c of clusterInformers.flatMap((i) => i.list())) if (!clusterObjects.has(c.metadata.name ?? '')) clusterObjects.set(c.metadata.name ?? '', c);
    const policies = overridePolicies();
    const overrideErrors: string[] = [];
    const writes: Promise<unknown>[] = [];
    for (const target of targets) {
      const clusterObject = clusterObjects.get(target.name);
      if (!clusterObject) continue;
      // The cluster's share of replicas first, then the overrides (Karmada's order), so a
      // replicasOverrider or plaintext /spec/replicas has the last word. Nothing here modifies the
      // cached template: the share only replaces what it changes.
      const replicas = scheduled.get(target.name);
      const share = divided && replicas !== undefined && hasReplicas(template) ? { ...template, spec: { ...(template.spec as object), replicas } } : template;
      const result = applyOverrides(share, clusterInfoOf(clusterObject), policies);
      for (const e of result.errors) overrideErrors.push(`${target.name}: ${e.policy}: ${e.message}`);
      const work = workFor(binding, spec, target.name, memberCopy(result.object));
      const existing = works.get(executionNamespace(target.name), work.metadata.name ?? '');
      // A Work being deleted is left to go (its finalizer is the execution controller's); the Work
      // informer's delete event brings the binding back to recreate it.
      if (existing && (existing.metadata.deletionTimestamp || workUpToDate(existing, work))) continue;
      writes.push(writeWork(existing, work));
    }
    bindingWorks.setOverrideErrors(bindingKind, keyOf(binding), overrideErrors);
    // All of a binding's Works are written at once: they share group commits instead of queueing one by one.
    const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    // Works of clusters this binding no longer dispatches to are removed (and with them the member copies),
    // unless a graceful eviction task still keeps one.
    const keep = new Set([...targets.map((t) => t.name), ...(spec.gracefulEvictionTasks ?? []).map((t) => t.fromCluster)]);
    for (const work of bindingWorks.of(binding)) {
      const cluster = clusterOfExecutionNamespace(work.metadata.namespace);
      if (cluster !== undefined && !keep.has(cluster) && !work.metadata.deletionTimestamp) await env.client.delete(WORKS, work.metadata.namespace, work.metadata.name ?? '').catch(() => undefined);
    }
  }
}
