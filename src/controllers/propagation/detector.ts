// The detector: each resource template a propagation policy claims gets a ResourceBinding that carries
// the template reference, its replicas and the policy's placement. The binding is owned by the template,
// so deleting the template removes the binding (and, through it, the Works and member copies).

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { ControllerEnv } from '../env.js';
import { bindingName, CLUSTER_PROPAGATION_POLICIES, PROPAGATION_POLICIES, RESOURCE_BINDINGS } from './kinds.js';
import { choosePolicy } from './matching/claim.js';
import type { PropagationPolicyObject } from './matching/types.js';
import { TemplateKinds, type TemplateKind } from './templates.js';

export function setupDetector(env: ControllerEnv): TemplateKinds {
  const policyInformers = [...PROPAGATION_POLICIES, ...CLUSTER_PROPAGATION_POLICIES].map((type) => ({ type, informer: env.manager.informer(type) }));
  const bindings = env.manager.informer(RESOURCE_BINDINGS);
  const allPolicies = () => ({
    propagation: policyInformers.filter((p) => p.type.namespaced).flatMap((p) => p.informer.list()) as PropagationPolicyObject[],
    cluster: policyInformers.filter((p) => !p.type.namespaced).flatMap((p) => p.informer.list()) as PropagationPolicyObject[],
  });

  const templates: TemplateKinds = new TemplateKinds(env, (kind) => addDetector(kind));
  for (const { informer } of policyInformers) {
    const ensure = (policy: KubeObject): void => templates.ensureFor(policy);
    informer.addHandlers({ add: ensure, update: (_old, policy) => ensure(policy) });
  }

  function addDetector({ type, informer }: TemplateKind): void {
    const everyTemplate = (): ObjectKey[] => informer.list().map((t) => ({ namespace: t.metadata.namespace, name: t.metadata.name ?? '' }));
    env.manager.add(
      defineController(
        {
          name: `detector/${type.group || 'core'}/${type.kind}`,
          for: informer,
          watches: policyInformers.map(({ informer: policies }) => ({ informer: policies, map: everyTemplate })),
          reconcile: async (key) => reconcileTemplate(env, informer, bindings, type.kind, key, allPolicies()),
        },
        { log: env.log },
      ),
    );
  }
  return templates;
}

async function reconcileTemplate(env: ControllerEnv, templates: Informer, bindings: Informer, kind: string, key: ObjectKey, policies: { propagation: PropagationPolicyObject[]; cluster: PropagationPolicyObject[] }): Promise<void> {
  const template = templates.get(key.namespace, key.name);
  if (!template || template.metadata.deletionTimestamp || !key.namespace) return;
  const name = bindingName(key.name, kind);
  const chosen = choosePolicy(template, policies);
  const existing = bindings.get(key.namespace, name);
  if (!chosen) {
    if (existing) await env.client.delete(RESOURCE_BINDINGS, key.namespace, name);
    return;
  }
  const policy = [...policies.propagation, ...policies.cluster].find((p) => p.kind === chosen.kind && p.metadata.name === chosen.name && (p.metadata.namespace ?? undefined) === (chosen.namespace ?? undefined));
  if (!policy) return;
  const spec = isPlainObject(policy.spec) ? (policy.spec as Record<string, unknown>) : {};
  const templateSpec = isPlainObject(template.spec) ? template.spec : {};
  const bindingSpec: Record<string, unknown> = {
    // No resourceVersion: the binder writes the template's status, and copying its resourceVersion here
    // would make every status write a binding change (and a loop).
    resource: { apiVersion: template.apiVersion, kind: template.kind, namespace: template.metadata.namespace, name: template.metadata.name, uid: template.metadata.uid },
    placement: spec.placement ?? {},
  };
  if (typeof templateSpec.replicas === 'number') bindingSpec.replicas = templateSpec.replicas;
  for (const field of ['propagateDeps', 'conflictResolution', 'preserveResourcesOnDeletion', 'failover', 'suspension']) if (spec[field] !== undefined) bindingSpec[field] = spec[field];
  await env.client.patch(
    RESOURCE_BINDINGS,
    key.namespace,
    name,
    'apply',
    {
      apiVersion: 'work.karmada.io/v1alpha2',
      kind: 'ResourceBinding',
      metadata: {
        name,
        namespace: key.namespace,
        labels: { 'propagationpolicy.karmada.io/name': chosen.name, 'propagationpolicy.karmada.io/kind': chosen.kind },
        ownerReferences: [{ apiVersion: template.apiVersion ?? '', kind: template.kind ?? '', name: template.metadata.name ?? '', uid: template.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: bindingSpec,
    },
    { fieldManager: 'kurator-detector', force: true },
  );
}
