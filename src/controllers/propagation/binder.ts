// The binder: for each cluster a ResourceBinding targets, a Work in karmada-es-<cluster> holding the
// template with its overrides and its share of replicas; Works of clusters no longer targeted go. It
// also aggregates the Works' status into the binding and the template (Deployment counts summed).

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import type { ControllerEnv } from '../env.js';
import { clusterInfoOf } from './cluster-facts.js';
import { setCondition } from '../common/conditions.js';
import { CLUSTER_OVERRIDE_POLICIES, executionNamespace, MANAGED_BY_LABEL, OVERRIDE_POLICIES, RESOURCE_BINDINGS, WORKS } from './kinds.js';
import { applyOverrides } from './overrides/apply.js';
import type { OverridePolicyObject } from './overrides/types.js';
import { divisionStrategy, type Placement, type TargetCluster } from './scheduling/index.js';
import type { TemplateKinds } from './templates.js';

const BINDING_LABEL = 'resourcebinding.karmada.io/key';
const SUMMED_STATUS = ['replicas', 'readyReplicas', 'updatedReplicas', 'availableReplicas', 'unavailableReplicas'];

function workName(binding: KubeObject): string {
  return `${binding.metadata.namespace}-${binding.metadata.name}`.slice(0, 253);
}

function bindingKey(binding: KubeObject): string {
  return `${binding.metadata.namespace}.${binding.metadata.name}`.slice(0, 63);
}

/** The template as members receive it: identity and user metadata only, no server fields, no status. */
function memberCopy(template: KubeObject): KubeObject {
  const { status: _status, ...rest } = structuredClone(template) as KubeObject & { status?: unknown };
  const meta = template.metadata;
  rest.metadata = { name: meta.name, namespace: meta.namespace, labels: { ...(meta.labels ?? {}) }, annotations: { ...(meta.annotations ?? {}) } };
  delete rest.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
  return rest;
}

export function setupBinder(env: ControllerEnv, templates: TemplateKinds): void {
  const bindings = env.manager.informer(RESOURCE_BINDINGS);
  const works = env.manager.informer(WORKS);
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  const overrideInformers = [...OVERRIDE_POLICIES, ...CLUSTER_OVERRIDE_POLICIES].map((type) => ({ type, informer: env.manager.informer(type) }));
  const namespaces = env.manager.informer(resources.namespaces);
  const everyBinding = (): ObjectKey[] => bindings.list().map((b) => ({ namespace: b.metadata.namespace, name: b.metadata.name ?? '' }));
  const bindingOfWork = (work: KubeObject): ObjectKey[] => {
    const owner = work.metadata.ownerReferences?.find((o) => o.kind === 'ResourceBinding');
    const namespace = work.metadata.annotations?.['resourcebinding.karmada.io/namespace'];
    return owner && namespace ? [{ namespace, name: owner.name }] : [];
  };

  env.manager.add(
    defineController(
      {
        name: 'binding',
        for: bindings,
        watches: [{ informer: works, map: bindingOfWork }, ...overrideInformers.map(({ informer }) => ({ informer, map: everyBinding }))],
        reconcile: async (key) => {
          const binding = bindings.get(key.namespace, key.name);
          if (!binding || binding.metadata.deletionTimestamp) return;
          const spec = (isPlainObject(binding.spec) ? binding.spec : {}) as { resource?: { apiVersion: string; kind: string; name: string; namespace?: string }; clusters?: TargetCluster[]; placement?: Placement };
          const resource = spec.resource;
          const kind = resource ? templates.get(resource.apiVersion, resource.kind) : undefined;
          const template = kind?.informer.get(resource?.namespace, resource?.name ?? '');
          if (!resource || !template) return;
          const targets = spec.clusters ?? [];
          const divided = divisionStrategy(spec.placement?.replicaScheduling).type !== 'Duplicated';
          const clusterObjects = clusterInformers.flatMap((i) => i.list());
          const policies = {
            cluster: overrideInformers.filter((o) => !o.type.namespaced).flatMap((o) => o.informer.list()) as OverridePolicyObject[],
            namespaced: overrideInformers.filter((o) => o.type.namespaced).flatMap((o) => o.informer.list()) as OverridePolicyObject[],
          };
          const ownerRef = { apiVersion: 'work.karmada.io/v1alpha2', kind: 'ResourceBinding', name: binding.metadata.name ?? '', uid: binding.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
          const overrideErrors: string[] = [];
          for (const target of targets) {
            const clusterObject = clusterObjects.find((c) => c.metadata.name === target.name);
            if (!clusterObject) continue;
            // The cluster's share of replicas first, then the overrides (Karmada's order), so a
            // replicasOverrider or plaintext /spec/replicas has the last word.
            const share = structuredClone(template);
            if (divided && isPlainObject(share.spec) && typeof share.spec.replicas === 'number') share.spec.replicas = target.replicas ?? 0;
            const result = applyOverrides(share, clusterInfoOf(clusterObject), policies);
            for (const e of result.errors) overrideErrors.push(`${target.name}: ${e.policy}: ${e.message}`);
            const manifest = memberCopy(result.object);
            manifest.metadata.labels = { ...(manifest.metadata.labels ?? {}), [MANAGED_BY_LABEL]: 'kurator' };
            const esNamespace = executionNamespace(target.name);
            if (!namespaces.get(undefined, esNamespace)) {
              await env.client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: esNamespace } }).catch((e: { code?: number }) => {
                if (e.code !== 409) throw e;
              });
            }
            await env.client.patch(
              WORKS,
              esNamespace,
              workName(binding),
              'apply',
              {
                apiVersion: 'work.karmada.io/v1alpha1',
                kind: 'Work',
                metadata: {
                  name: workName(binding),
                  namespace: esNamespace,
                  labels: { [BINDING_LABEL]: bindingKey(binding) },
                  annotations: { 'resourcebinding.karmada.io/namespace': binding.metadata.namespace ?? '', 'resourcebinding.karmada.io/name': binding.metadata.name ?? '' },
                  ownerReferences: [ownerRef],
                },
                spec: { workload: { manifests: [manifest] } },
              },
              { fieldManager: 'kurator-binding', force: true },
            );
          }
          // Works of clusters this binding no longer targets are removed (and with them the member copies).
          const mine = works.list().filter((w) => w.metadata.labels?.[BINDING_LABEL] === bindingKey(binding));
          for (const work of mine) {
            const cluster = (work.metadata.namespace ?? '').slice('karmada-es-'.length);
            if (!targets.some((t) => t.name === cluster)) await env.client.delete(WORKS, work.metadata.namespace, work.metadata.name ?? '').catch(() => undefined);
          }
          await aggregateStatus(env, binding, template, kind!.type, mine.filter((w) => targets.some((t) => `karmada-es-${t.name}` === w.metadata.namespace)), targets, overrideErrors);
          return;
        },
      },
      { log: env.log },
    ),
  );
}

interface WorkStatus {
  conditions?: { type: string; status: string; message?: string }[];
  manifestStatuses?: { status?: Record<string, unknown> }[];
}

async function aggregateStatus(env: ControllerEnv, binding: KubeObject, template: KubeObject, templateType: Parameters<ControllerEnv['client']['update']>[0], works: KubeObject[], targets: TargetCluster[], overrideErrors: string[]): Promise<void> {
  const aggregated = targets.map((target) => {
    const work = works.find((w) => w.metadata.namespace === `karmada-es-${target.name}`);
    const status = (work?.status ?? {}) as WorkStatus;
    const applied = status.conditions?.find((c) => c.type === 'Applied');
    const entry: Record<string, unknown> = { clusterName: target.name, applied: applied?.status === 'True' };
    if (applied?.message && applied.status !== 'True') entry.appliedMessage = applied.message;
    const memberStatus = status.manifestStatuses?.[0]?.status;
    if (memberStatus) entry.status = memberStatus;
    return entry;
  });
  const fully = targets.length > 0 && aggregated.every((a) => a.applied === true);
  const status = isPlainObject(binding.status) ? binding.status : {};
  const conditions = setCondition(status.conditions, { type: 'FullyApplied', status: fully ? 'True' : 'False', reason: fully ? 'FullyAppliedSuccess' : 'FullyAppliedFailed', message: fully ? 'All works have been successfully applied' : overrideErrors.length ? `overrides failed: ${overrideErrors.join('; ')}` : 'Works are not yet applied on every target cluster' });
  const next = { ...status, aggregatedStatus: aggregated, conditions };
  if (!deepEqual(next, status)) await env.client.update(RESOURCE_BINDINGS, { ...structuredClone(binding), status: next }, { subresource: 'status' }).catch(() => undefined);

  // The template's own status: workload counts summed over members; observedGeneration only once every
  // member observed its latest generation.
  if (!isPlainObject(template.spec) || typeof template.spec.replicas !== 'number') return;
  const memberStatuses = aggregated.map((a) => a.status as Record<string, unknown> | undefined);
  const summed: Record<string, unknown> = {};
  for (const field of SUMMED_STATUS) summed[field] = memberStatuses.reduce((n, s) => n + (typeof s?.[field] === 'number' ? (s[field] as number) : 0), 0);
  for (const field of SUMMED_STATUS) if (summed[field] === 0 && field === 'unavailableReplicas') delete summed[field];
  const allObserved = memberStatuses.length > 0 && memberStatuses.every((s) => s && s.observedGeneration !== undefined && s.generationMatches !== false);
  const current = isPlainObject(template.status) ? template.status : {};
  const templateStatus: Record<string, unknown> = { ...current, ...summed };
  if (allObserved) templateStatus.observedGeneration = template.metadata.generation;
  if (!deepEqual(templateStatus, current)) await env.client.update(templateType, { ...structuredClone(template), status: templateStatus }, { subresource: 'status' }).catch(() => undefined);
}
