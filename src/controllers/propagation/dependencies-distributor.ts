// The dependencies distributor (Karmada's propagateDeps): when a binding's policy sets propagateDeps, the
// ConfigMaps, Secrets, ServiceAccounts and PVCs its workload's pods reference get "attached" bindings that
// list the workload's binding in spec.requiredBy with the clusters it is scheduled to, so the binder sends
// each dependency wherever the workload goes.
//
// What a workload needs is read back from the attached bindings' requiredBy, never kept in memory, so an
// entry goes when the workload stops referencing the dependency, turns propagateDeps off or is deleted, also
// across hub restarts. An attached binding nothing requires any more, and no policy claims, is deleted.
// Attached bindings are written by server-side apply owning only resource, requiredBy, their depended-by
// labels and the owner reference, so a dependency a policy also claims keeps the detector's fields.

import { fnv32aOfText } from '../../machinery/fnv.js';
import { defineController } from '../../client/controller.js';
import type { Controller, Informer, ObjectKey } from '../../client/controller-types.js';
import { resources, resourceTypeOf } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import type { KubeObject, OwnerReference } from '../../machinery/object.js';
import type { ControllerEnv } from '../env.js';
import { bindingSpecOf, type ResourceRef } from './binding-spec.js';
import { bindingName, POLICY_NAME_LABEL, RESOURCE_BINDINGS } from './kinds.js';
import { dependenciesOf, type DependentKind } from './matching/dependencies.js';
import type { TargetCluster } from './scheduling/types.js';

const FIELD_MANAGER = 'kurator-dependencies';
/** One label per binding that requires the attached one: `<prefix><hash of namespace/name>: <namespace>_<name>`. */
export const DEPENDED_BY_LABEL_PREFIX = 'resourcebinding.karmada.io/depended-by-';
const REQUIRED_BY_INDEX = 'dependencies-distributor/required-by';
const PARENT_RESOURCE_INDEX = 'dependencies-distributor/resource';
/** Templates by `<kind>|<namespace>/<name>` of every dependency their pods reference. */
const TEMPLATE_DEPENDENCY_INDEX = 'dependencies-distributor/dependency';
/** How soon to look again when an informer this controller needs has not listed yet. */
const UNSYNCED_RETRY_MS = 200;

const DEPENDENT_TYPES: Record<DependentKind, ReturnType<typeof resourceTypeOf>> = {
  ConfigMap: resources.configmaps,
  Secret: resources.secrets,
  ServiceAccount: resources.serviceaccounts,
  PersistentVolumeClaim: resourceTypeOf('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true),
};

interface RequiredBy {
  namespace?: string;
  name?: string;
  clusters?: TargetCluster[];
}

/** A dependency the parent needs now, present on the hub. */
interface Wanted {
  kind: DependentKind;
  object: KubeObject;
}

function requiredByOf(binding: KubeObject | undefined): RequiredBy[] {
  return binding ? (bindingSpecOf(binding).requiredBy ?? []) : [];
}

function sameParent(entry: RequiredBy, parent: ObjectKey): boolean {
  return entry.namespace === parent.namespace && entry.name === parent.name;
}

const keyText = (namespace: string | undefined, name: string | undefined): string => `${namespace ?? ''}/${name ?? ''}`;
const dependencyKey = (kind: DependentKind, namespace: string | undefined, name: string): string => `${kind}|${keyText(namespace, name)}`;

/** The depended-by label for one requiring binding (the value is cut to a valid label value). */
function dependedByLabel(namespace: string, name: string): [string, string] {
  const value = `${namespace}_${name}`.slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
  return [`${DEPENDED_BY_LABEL_PREFIX}${fnv32aOfText(`${namespace}/${name}`).toString(36)}`, value];
}

function ownerRefTo(object: KubeObject): OwnerReference {
  return { apiVersion: object.apiVersion ?? 'v1', kind: object.kind ?? '', name: object.metadata.name ?? '', uid: object.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** What this controller owns of an attached binding. */
interface AttachedFields {
  namespace: string;
  name: string;
  resource: ResourceRef;
  ownerRef?: OwnerReference;
  requiredBy: RequiredBy[];
}

function manifestOf(fields: AttachedFields): KubeObject {
  const labels = Object.fromEntries(fields.requiredBy.map((r) => dependedByLabel(r.namespace ?? '', r.name ?? '')));
  const metadata: KubeObject['metadata'] = { name: fields.name, namespace: fields.namespace, labels };
  if (fields.ownerRef) metadata.ownerReferences = [fields.ownerRef];
  return { apiVersion: 'work.karmada.io/v1alpha2', kind: 'ResourceBinding', metadata, spec: { resource: fields.resource, requiredBy: fields.requiredBy } };
}

/** Whether the binding already holds everything `fields` says (so applying would change nothing). */
function holds(binding: KubeObject, fields: AttachedFields): boolean {
  const spec = bindingSpecOf(binding);
  if (!deepEqual(spec.requiredBy ?? [], fields.requiredBy)) return false;
  const resource = spec.resource as Record<string, unknown> | undefined;
  if (!resource || Object.entries(fields.resource).some(([k, v]) => resource[k] !== v)) return false;
  const labels = binding.metadata.labels ?? {};
  const wantedLabels = Object.fromEntries(fields.requiredBy.map((r) => dependedByLabel(r.namespace ?? '', r.name ?? '')));
  if (Object.entries(wantedLabels).some(([k, v]) => labels[k] !== v)) return false;
  if (Object.keys(labels).some((k) => k.startsWith(DEPENDED_BY_LABEL_PREFIX) && !(k in wantedLabels))) return false;
  const ref = fields.ownerRef;
  return !ref || (binding.metadata.ownerReferences ?? []).some((o) => deepEqual(o, ref));
}

type Plan = { action: 'none' } | { action: 'apply'; fields: AttachedFields } | { action: 'delete'; uid: string | undefined };

export function setupDependenciesDistributor(env: ControllerEnv): Controller {
  const bindings = env.manager.informer(RESOURCE_BINDINGS);
  const dependencyInformers = new Map<DependentKind, Informer>();
  const templateInformers = new Map<string, Informer>();
  /** Template informers already carrying TEMPLATE_DEPENDENCY_INDEX (two kind keys may share one informer). */
  const indexedTemplates = new WeakSet<Informer>();
  bindings.addIndex(REQUIRED_BY_INDEX, (b) => requiredByOf(b).map((r) => keyText(r.namespace, r.name)));
  bindings.addIndex(PARENT_RESOURCE_INDEX, (b) => {
    const spec = bindingSpecOf(b);
    return spec.propagateDeps === true && spec.resource ? [`${spec.resource.apiVersion}|${spec.resource.kind}|${keyText(spec.resource.namespace ?? b.metadata.namespace, spec.resource.name)}`] : [];
  });

  const parentsOf = (templateKey: string): ObjectKey[] => bindings.byIndex(PARENT_RESOURCE_INDEX, templateKey).map((b) => ({ namespace: b.metadata.namespace, name: b.metadata.name ?? '' }));

  /** The informer of a parent's template kind, watched for changes in what its pods reference. */
  function templateInformer(ref: ResourceRef): Informer | undefined {
    const kindKey = `${ref.apiVersion}|${ref.kind}`;
    const known = templateInformers.get(kindKey);
    if (known) return known;
    const type = env.resolveKind(ref.apiVersion, ref.kind);
    if (!type) return undefined;
    const informer = env.manager.informer(type);
    templateInformers.set(kindKey, informer);
    if (!indexedTemplates.has(informer)) {
      indexedTemplates.add(informer);
      informer.addIndex(TEMPLATE_DEPENDENCY_INDEX, (t) => dependenciesOf(t).map((d) => dependencyKey(d.kind, d.namespace ?? t.metadata.namespace, d.name)));
    }
    const enqueueParents = (template: KubeObject): void => {
      for (const key of parentsOf(`${kindKey}|${keyText(template.metadata.namespace, template.metadata.name)}`)) controller.enqueue(key);
    };
    informer.addHandlers({
      update: (old, next) => {
        if (!deepEqual(dependenciesOf(old), dependenciesOf(next))) enqueueParents(next);
      },
      delete: enqueueParents,
    });
    return informer;
  }

  /**
   * The informer of a dependency kind, started the first time a workload to propagate with its
   * dependencies refers to that kind (as Karmada starts them), so a hub that never propagates
   * dependencies caches none of its ConfigMaps, ServiceAccounts or claims for it.
   */
  function dependencyInformer(kind: DependentKind): Informer {
    let informer = dependencyInformers.get(kind);
    if (informer) return informer;
    informer = env.manager.informer(DEPENDENT_TYPES[kind]);
    dependencyInformers.set(kind, informer);
    controller.watch({ informer, map: (dependency) => parentsOfDependency(kind, dependency) });
    return informer;
  }

  /** Bindings (parents) whose workload references this dependency now, or whose requiredBy says it did. */
  function parentsOfDependency(kind: DependentKind, dependency: KubeObject): ObjectKey[] {
    const namespace = dependency.metadata.namespace;
    const name = dependency.metadata.name ?? '';
    const keys = new Map<string, ObjectKey>();
    // Templates referencing it, then the propagateDeps bindings of those templates in its namespace.
    for (const [kindKey, informer] of templateInformers) {
      for (const template of informer.byIndex(TEMPLATE_DEPENDENCY_INDEX, dependencyKey(kind, namespace, name))) {
        for (const parent of parentsOf(`${kindKey}|${keyText(template.metadata.namespace, template.metadata.name)}`)) {
          if (parent.namespace === namespace) keys.set(keyText(namespace, parent.name), { namespace, name: parent.name });
        }
      }
    }
    for (const entry of requiredByOf(bindings.get(namespace, bindingName(name, kind)))) keys.set(keyText(entry.namespace, entry.name), { namespace: entry.namespace, name: entry.name ?? '' });
    return [...keys.values()];
  }

  /** The dependencies a parent binding wants attached now, by attached binding key; undefined: look later. */
  function wantedBy(parent: KubeObject | undefined): Map<string, Wanted> | undefined {
    const wanted = new Map<string, Wanted>();
    if (!parent || parent.metadata.deletionTimestamp) return wanted;
    const spec = bindingSpecOf(parent);
    if (spec.propagateDeps !== true || !spec.resource) return wanted;
    const templates = templateInformer(spec.resource);
    if (!templates) return wanted;
    if (!templates.synced) return undefined;
    const template = templates.get(spec.resource.namespace ?? parent.metadata.namespace, spec.resource.name);
    if (!template || template.metadata.deletionTimestamp) return wanted;
    for (const dependency of dependenciesOf(template)) {
      const informer = dependencyInformer(dependency.kind);
      if (!informer.synced) return undefined;
      const namespace = dependency.namespace ?? parent.metadata.namespace;
      const object = informer.get(namespace, dependency.name);
      if (object && !object.metadata.deletionTimestamp) wanted.set(keyText(namespace, bindingName(dependency.name, dependency.kind)), { kind: dependency.kind, object });
    }
    return wanted;
  }

  /** What to do to one attached binding so its requiredBy entry for `parent` matches `want`. */
  function plan(current: KubeObject | undefined, namespace: string, name: string, parent: ObjectKey, want: Wanted | undefined, clusters: TargetCluster[]): Plan {
    const existing = requiredByOf(current);
    const index = existing.findIndex((r) => sameParent(r, parent));
    if (want) {
      // A dependency is attached once its workload has been scheduled; after that, clusters follow it.
      if (index < 0 && clusters.length === 0) return { action: 'none' };
      const entry: RequiredBy = { namespace: parent.namespace ?? '', name: parent.name, clusters };
      const requiredBy = index < 0 ? [...existing, entry] : existing.map((r, i) => (i === index ? entry : r));
      const object = { ...want.object, kind: want.object.kind ?? want.kind, apiVersion: want.object.apiVersion ?? 'v1' };
      const fields: AttachedFields = { namespace, name, requiredBy, ownerRef: ownerRefTo(object), resource: { apiVersion: 'v1', kind: want.kind, namespace, name: object.metadata.name ?? '', uid: object.metadata.uid ?? '' } };
      return current && holds(current, fields) ? { action: 'none' } : { action: 'apply', fields };
    }
    if (!current || index < 0) return { action: 'none' };
    const requiredBy = existing.filter((_, i) => i !== index);
    if (requiredBy.length === 0 && !current.metadata.labels?.[POLICY_NAME_LABEL]) return { action: 'delete', uid: current.metadata.uid };
    const resource = bindingSpecOf(current).resource;
    if (!resource) return { action: 'none' };
    const ownerRef = current.metadata.ownerReferences?.find((o) => o.kind === resource.kind && o.name === resource.name);
    const fields: AttachedFields = { namespace, name, requiredBy, resource };
    if (ownerRef) fields.ownerRef = ownerRef;
    return { action: 'apply', fields };
  }

  async function execute(step: Plan, namespace: string, name: string): Promise<void> {
    if (step.action === 'apply') {
      await env.client.patch(RESOURCE_BINDINGS, namespace, name, 'apply', manifestOf(step.fields), { fieldManager: FIELD_MANAGER, force: true });
    } else if (step.action === 'delete') {
      const options = step.uid ? { preconditions: { uid: step.uid } } : {};
      await env.client.delete(RESOURCE_BINDINGS, namespace, name, options).catch((e: { code?: number }) => {
        if (e.code !== 404 && e.code !== 409) throw e;
      });
    }
  }

  /** Brings one attached binding in line, re-reading it from the API before writing (the cache may lag). */
  async function syncAttached(namespace: string, name: string, parent: ObjectKey, want: Wanted | undefined, clusters: TargetCluster[]): Promise<void> {
    if (plan(bindings.get(namespace, name), namespace, name, parent, want, clusters).action === 'none') return;
    const fresh = await env.client.get(RESOURCE_BINDINGS, namespace, name);
    await execute(plan(fresh, namespace, name, parent, want, clusters), namespace, name);
  }

  const controller = defineController(
    {
      name: 'dependencies-distributor',
      for: bindings,
      watches: [
        // An attached binding's changes (and a restart's relist) bring its requiring bindings back for a look.
        { informer: bindings, map: (b) => requiredByOf(b).map((r) => ({ namespace: r.namespace, name: r.name ?? '' })) },
      ],
      reconcile: async (key) => {
        if (!key.namespace) return;
        const binding = bindings.get(key.namespace, key.name);
        // Attached, no longer required by anything and not claimed by a policy: nothing sends it anywhere.
        if (binding && !binding.metadata.deletionTimestamp && Array.isArray(bindingSpecOf(binding).requiredBy) && requiredByOf(binding).length === 0 && !binding.metadata.labels?.[POLICY_NAME_LABEL]) {
          await execute({ action: 'delete', uid: binding.metadata.uid }, key.namespace, key.name);
          return;
        }
        const wanted = wantedBy(binding);
        if (!wanted) return { requeueAfterMs: UNSYNCED_RETRY_MS };
        const clusters = binding ? (bindingSpecOf(binding).clusters ?? []) : [];
        const attached = new Map<string, { namespace: string; name: string }>();
        for (const b of bindings.byIndex(REQUIRED_BY_INDEX, keyText(key.namespace, key.name))) attached.set(keyText(b.metadata.namespace, b.metadata.name), { namespace: b.metadata.namespace ?? '', name: b.metadata.name ?? '' });
        for (const [k, w] of wanted) attached.set(k, { namespace: w.object.metadata.namespace ?? key.namespace, name: bindingName(w.object.metadata.name ?? '', w.kind) });
        for (const [k, target] of attached) await syncAttached(target.namespace, target.name, key, wanted.get(k), clusters);
        return;
      },
    },
    { log: env.log },
  );
  env.manager.add(controller);
  return controller;
}
