// The detector: each resource template a propagation policy claims gets a binding (a ResourceBinding for a
// namespaced template, a ClusterResourceBinding for a cluster-scoped one) that carries the template
// reference, its replicas and the policy's placement and behaviour. The binding is owned by the template,
// so deleting the template removes the binding (and, through it, the Works and member copies). The claim
// is recorded on the template (Karmada's annotations), so a template stays with its policy until that
// policy stops selecting it or a higher-priority policy with `preemption: Always` takes it over.

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { changedBeyondStatus } from '../common/changes.js';
import type { ControllerEnv } from '../env.js';
import { bindingSpecOf, bindingTypeForScope, displayName } from './binding-spec.js';
import { PIPELINE_WORKERS } from './concurrency.js';
import { bindingName, CLUSTER_PROPAGATION_POLICIES, CLUSTER_RESOURCE_BINDINGS, POLICY_KIND_LABEL, POLICY_NAME_LABEL, PROPAGATION_POLICIES, RESOURCE_BINDINGS } from './kinds.js';
import { CLAIM_ANNOTATIONS, choosePolicy, type PolicyCandidates, type PolicyRef } from './matching/claim.js';
import { replicaResourceRequest } from './matching/replica-requirements.js';
import type { PropagationPolicyObject } from './matching/types.js';
import { TemplateKinds, type TemplateKind } from './templates.js';

/** Policy fields the binding carries verbatim for the controllers after the scheduler. */
const CARRIED_FIELDS = ['propagateDeps', 'conflictResolution', 'preserveResourcesOnDeletion', 'failover', 'suspension'];

export function setupDetector(env: ControllerEnv): TemplateKinds {
  const policyInformers = [...PROPAGATION_POLICIES, ...CLUSTER_PROPAGATION_POLICIES].map((type) => ({ type, informer: env.manager.informer(type) }));
  const bindingInformers = { namespaced: env.manager.informer(RESOURCE_BINDINGS), cluster: env.manager.informer(CLUSTER_RESOURCE_BINDINGS) };
  const namespaces = env.manager.informer(resources.namespaces);
  const allPolicies = (): PolicyCandidates => ({
    propagation: policyInformers.filter((p) => p.type.namespaced).flatMap((p) => p.informer.list()) as PropagationPolicyObject[],
    cluster: policyInformers.filter((p) => !p.type.namespaced).flatMap((p) => p.informer.list()) as PropagationPolicyObject[],
  });

  const templates = new TemplateKinds(env);
  for (const { informer } of policyInformers) {
    const ensure = (policy: KubeObject): void => templates.ensureFor(policy);
    informer.addHandlers({ add: ensure, update: (_old, policy) => ensure(policy) });
  }

  templates.onKind((kind: TemplateKind) => {
    const { type, informer } = kind;
    const bindings = type.namespaced ? bindingInformers.namespaced : bindingInformers.cluster;
    const everyTemplate = (): ObjectKey[] => informer.list().map((t) => ({ namespace: t.metadata.namespace, name: t.metadata.name ?? '' }));
    const templatesIn = (namespace: KubeObject): ObjectKey[] => (type.namespaced ? informer.list(namespace.metadata.name).map((t) => ({ namespace: t.metadata.namespace, name: t.metadata.name ?? '' })) : []);
    env.manager.add(
      defineController(
        {
          name: `detector/${type.group || 'core'}/${type.kind}`,
          for: informer,
          // Like Karmada's detector: a template's status (which the binding-status controller writes)
          // says nothing about its binding.
          forUpdated: changedBeyondStatus,
          workers: PIPELINE_WORKERS,
          watches: [...policyInformers.map(({ informer: policies }) => ({ informer: policies, map: everyTemplate })), { informer: namespaces, map: templatesIn }],
          reconcile: async (key) => {
            const template = informer.get(key.namespace, key.name);
            if (!template || template.metadata.deletionTimestamp) return;
            const namespaceLabels = key.namespace ? namespaces.get(undefined, key.namespace)?.metadata.labels : undefined;
            await reconcileTemplate(env, kind, bindings, template, allPolicies(), namespaceLabels ?? {});
          },
        },
        { log: env.log },
      ),
    );
  });
  return templates;
}

function findPolicy(policies: PolicyCandidates, chosen: PolicyRef): PropagationPolicyObject | undefined {
  return [...policies.propagation, ...policies.cluster].find(
    (p) => p.kind === chosen.kind && p.metadata.name === chosen.name && (p.metadata.namespace ?? undefined) === (chosen.namespace ?? undefined) && (!chosen.apiVersion || p.apiVersion === chosen.apiVersion),
  );
}

async function reconcileTemplate(env: ControllerEnv, kind: TemplateKind, bindings: Informer, template: KubeObject, policies: PolicyCandidates, namespaceLabels: Record<string, string>): Promise<void> {
  const namespace = template.metadata.namespace;
  const name = bindingName(template.metadata.name ?? '', kind.type.kind);
  const bindingType = bindingTypeForScope(kind.type.namespaced);
  const chosen = choosePolicy(template, policies, { preemption: true, namespaceLabels });
  const policy = chosen ? findPolicy(policies, chosen) : undefined;
  const existing = bindings.get(namespace, name);
  await recordClaim(env, kind, template, chosen);
  if (!chosen || !policy) {
    if (!existing || !existing.metadata.labels?.[POLICY_NAME_LABEL]) return;
    // Still needed as a dependency of another workload: keep the binding, drop what the policy gave it.
    if (bindingSpecOf(existing).requiredBy?.length) {
      await env.client.patch(bindingType, namespace, name, 'apply', bindingManifest(bindingType.kind, template, name, undefined, undefined), { fieldManager: 'kurator-detector', force: true });
      await env.client.patch(bindingType, namespace, name, 'merge', { spec: { clusters: null } });
      return;
    }
    await env.client.delete(bindingType, namespace, name);
    return;
  }
  const previousPolicy = existing?.metadata.labels?.[POLICY_NAME_LABEL];
  const manifest = bindingManifest(bindingType.kind, template, name, chosen, policy);
  // Most looks at a template change nothing in its binding: the apply (a full server-side apply of an
  // object that carries every cluster's status) is skipped when every field it sets already holds.
  if (!existing || !bindingHolds(existing, manifest)) await env.client.patch(bindingType, namespace, name, 'apply', manifest, { fieldManager: 'kurator-detector', force: true });
  if (previousPolicy !== chosen.name) {
    env.events.record(template, { type: 'Normal', reason: 'ApplyPolicySucceed', message: `Apply policy(${displayName(chosen)}) succeed` }, 'resource-detector');
  }
}

/** Spec fields the detector's apply sets (and removes again when they go from the policy). */
const DETECTOR_SPEC_FIELDS = ['resource', 'placement', 'replicas', 'replicaRequirements', 'schedulePriority', ...CARRIED_FIELDS];

/** Whether applying `manifest` to `existing` would leave every field the detector sets as it is. */
function bindingHolds(existing: KubeObject, manifest: KubeObject): boolean {
  const have = isPlainObject(existing.spec) ? existing.spec : {};
  const want = isPlainObject(manifest.spec) ? manifest.spec : {};
  const labels = existing.metadata.labels ?? {};
  const wantedLabels = manifest.metadata.labels ?? {};
  return (
    DETECTOR_SPEC_FIELDS.every((field) => deepEqual(have[field], want[field])) &&
    [POLICY_NAME_LABEL, POLICY_KIND_LABEL].every((label) => labels[label] === wantedLabels[label]) &&
    deepEqual(existing.metadata.ownerReferences, manifest.metadata.ownerReferences)
  );
}

function bindingManifest(bindingKind: string, template: KubeObject, name: string, chosen: PolicyRef | undefined, policy: PropagationPolicyObject | undefined): KubeObject {
  const spec: Record<string, unknown> = {
    // No resourceVersion: the binder writes the template's status, and copying its resourceVersion here
    // would make every status write a binding change (and a loop).
    resource: { apiVersion: template.apiVersion, kind: template.kind, namespace: template.metadata.namespace, name: template.metadata.name, uid: template.metadata.uid },
  };
  const labels: Record<string, string> = {};
  if (chosen && policy) {
    const policySpec = isPlainObject(policy.spec) ? (policy.spec as Record<string, unknown>) : {};
    const templateSpec = isPlainObject(template.spec) ? template.spec : {};
    spec.placement = policySpec.placement ?? {};
    if (typeof templateSpec.replicas === 'number') spec.replicas = templateSpec.replicas;
    const resourceRequest = replicaResourceRequest(template);
    if (resourceRequest) spec.replicaRequirements = { resourceRequest };
    for (const field of CARRIED_FIELDS) if (policySpec[field] !== undefined && policySpec[field] !== null) spec[field] = policySpec[field];
    if (typeof policySpec.priority === 'number') spec.schedulePriority = { priority: policySpec.priority };
    labels[POLICY_NAME_LABEL] = chosen.name;
    labels[POLICY_KIND_LABEL] = chosen.kind;
  }
  const metadata: KubeObject['metadata'] = {
    name,
    labels,
    ownerReferences: [{ apiVersion: template.apiVersion ?? '', kind: template.kind ?? '', name: template.metadata.name ?? '', uid: template.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
  };
  if (template.metadata.namespace) metadata.namespace = template.metadata.namespace;
  return { apiVersion: 'work.karmada.io/v1alpha2', kind: bindingKind, metadata, spec };
}

/** Karmada's claim annotations on the template, so the claim survives new policies (see matching/claim.ts). */
async function recordClaim(env: ControllerEnv, kind: TemplateKind, template: KubeObject, chosen: PolicyRef | undefined): Promise<void> {
  const wanted: Record<string, string | null> = {
    [CLAIM_ANNOTATIONS.policyNamespace]: chosen?.kind === 'PropagationPolicy' ? (chosen.namespace ?? null) : null,
    [CLAIM_ANNOTATIONS.policyName]: chosen?.kind === 'PropagationPolicy' ? chosen.name : null,
    [CLAIM_ANNOTATIONS.clusterPolicyName]: chosen?.kind === 'ClusterPropagationPolicy' ? chosen.name : null,
  };
  const current = template.metadata.annotations ?? {};
  if (Object.entries(wanted).every(([k, v]) => (current[k] ?? null) === v)) return;
  await env.client.patch(kind.type, template.metadata.namespace, template.metadata.name ?? '', 'merge', { metadata: { annotations: wanted } });
}
