// Namespace sync (Karmada's namespace-sync-controller): every hub Namespace that is not reserved or opted
// out reaches every registered member cluster as a one-manifest Work in karmada-es-<cluster>, with the
// ClusterOverridePolicies that select Namespaces applied. The execution controller applies the Works and
// removes the member namespace when a Work goes; Works go when their hub Namespace is deleted.
//
// As upstream, a namespace that gains the skip label later keeps the Works it has (members keep it) but is
// not sent to clusters that join afterwards.

import { ensureExecutionNamespace } from './execution-namespace.js';
import { defineController } from '../../client/controller.js';
import { TerminalError, type Informer, type ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import type { KubeObject, OwnerReference } from '../../machinery/object.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import type { ControllerEnv } from '../env.js';
import { clusterInfoOf } from './cluster-facts.js';
import { CLUSTER_OVERRIDE_POLICIES, EXECUTION_NAMESPACE_PREFIX, executionNamespace, MANAGED_BY_LABEL, WORKS } from './kinds.js';
import { applyOverrides } from './overrides/apply.js';
import type { OverridePolicyObject } from './overrides/types.js';

export const SKIP_AUTO_PROPAGATION_LABEL = 'namespace.karmada.io/skip-auto-propagation';
/** On each namespace Work: the hub Namespace it carries. */
export const SYNCED_NAMESPACE_LABEL = 'namespace.kurator.dev/name';

const FIELD_MANAGER = 'kurator-namespace-sync';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const RESERVED_NAMES = new Set(['default', 'karmada-system', 'karmada-cluster', 'kurator-system']);
const RESERVED_PREFIXES = ['kube-', EXECUTION_NAMESPACE_PREFIX];

/**
 * `namespace.<name>`: the binder's Work names start with a namespace name (a DNS label, never a dot)
 * followed by "-", so no binder Work can start with "namespace.".
 */
export function namespaceWorkName(namespace: string): string {
  return `namespace.${namespace}`;
}

/** Names never synced: default, kube-*, Karmada's own and execution namespaces, and kurator-system. */
export function isReservedNamespace(name: string): boolean {
  return RESERVED_NAMES.has(name) || RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export function skipsAutoPropagation(namespace: KubeObject): boolean {
  return namespace.metadata.labels?.[SKIP_AUTO_PROPAGATION_LABEL]?.toLowerCase() === 'true';
}

/** The Namespace as members receive it: name, labels and the user's annotations. */
export function namespaceManifest(namespace: KubeObject): KubeObject {
  const annotations = { ...(namespace.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const labels = { ...(namespace.metadata.labels ?? {}), [MANAGED_BY_LABEL]: 'kurator' };
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.metadata.name ?? '', labels, annotations } };
}

function ownerReferenceTo(namespace: KubeObject): OwnerReference {
  return { apiVersion: 'v1', kind: 'Namespace', name: namespace.metadata.name ?? '', uid: namespace.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** True when the cached Work already says what we would write (avoids a write per status update). */
function upToDate(existing: KubeObject | undefined, desired: KubeObject): boolean {
  if (!existing || existing.metadata.deletionTimestamp) return false;
  const labels = existing.metadata.labels ?? {};
  const wantedLabels = desired.metadata.labels ?? {};
  if (Object.entries(wantedLabels).some(([k, v]) => labels[k] !== v)) return false;
  const uid = desired.metadata.ownerReferences?.[0]?.uid;
  if (!existing.metadata.ownerReferences?.some((o) => o.uid === uid)) return false;
  return deepEqual(existing.spec, desired.spec);
}

export function setupNamespaceSync(env: ControllerEnv): void {
  const namespaces = env.manager.informer(resources.namespaces);
  const works = env.manager.informer(WORKS);
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  const overrideInformers: Informer[] = CLUSTER_OVERRIDE_POLICIES.map((t) => env.manager.informer(t));
  const everyNamespace = (): ObjectKey[] => namespaces.list().map((n) => ({ name: n.metadata.name ?? '' }));
  const namespaceOfWork = (work: KubeObject): ObjectKey[] => {
    const name = work.metadata.labels?.[SYNCED_NAMESPACE_LABEL];
    return name && work.metadata.name === namespaceWorkName(name) ? [{ name }] : [];
  };
  const worksOf = (name: string): KubeObject[] => works.list().filter((w) => namespaceOfWork(w)[0]?.name === name && w.metadata.namespace?.startsWith(EXECUTION_NAMESPACE_PREFIX));


  const controller = defineController(
    {
      name: 'namespace-sync',
      for: namespaces,
      workers: 2,
      watches: [{ informer: works, map: namespaceOfWork }, ...overrideInformers.map((informer) => ({ informer, map: everyNamespace }))],
      reconcile: async (key) => {
        if (isReservedNamespace(key.name)) return;
        const namespace = namespaces.get(undefined, key.name);
        if (!namespace || namespace.metadata.deletionTimestamp) {
          // Deleting the Works removes the member namespaces (execution's finalizer); the owner reference
          // lets the garbage collector do the same should this controller miss the deletion.
          for (const work of worksOf(key.name)) {
            if (work.metadata.deletionTimestamp) continue;
            await env.client.delete(WORKS, work.metadata.namespace, work.metadata.name ?? '').catch((e: { code?: number }) => {
              if (e.code !== 404) throw e;
            });
          }
          return;
        }
        if (skipsAutoPropagation(namespace)) return;

        const clusters = new Map<string, KubeObject>();
        for (const cluster of clusterInformers.flatMap((i) => i.list())) {
          const name = cluster.metadata.name ?? '';
          if (name && !cluster.metadata.deletionTimestamp && !clusters.has(name)) clusters.set(name, cluster);
        }
        const policies = { cluster: overrideInformers.flatMap((i) => i.list()) as OverridePolicyObject[], namespaced: [] };
        const failures: string[] = [];
        const workName = namespaceWorkName(key.name);
        for (const [clusterName, cluster] of clusters) {
          const result = applyOverrides(namespaceManifest(namespace), clusterInfoOf(cluster), policies);
          if (result.errors.length) {
            // Upstream sends nothing to a cluster whose overrides fail.
            failures.push(...result.errors.map((e) => `${clusterName}: ${e.policy}: ${e.message}`));
            continue;
          }
          const esNamespace = executionNamespace(clusterName);
          const desired: KubeObject = {
            apiVersion: 'work.karmada.io/v1alpha1',
            kind: 'Work',
            metadata: { name: workName, namespace: esNamespace, labels: { [SYNCED_NAMESPACE_LABEL]: key.name, [MANAGED_BY_LABEL]: 'kurator' }, ownerReferences: [ownerReferenceTo(namespace)] },
            spec: { workload: { manifests: [result.object] } },
          };
          if (upToDate(works.get(esNamespace, workName), desired)) continue;
          await ensureExecutionNamespace(env.client, namespaces, esNamespace);
          await env.client.patch(WORKS, esNamespace, workName, 'apply', desired, { fieldManager: FIELD_MANAGER, force: true });
        }
        if (failures.length) throw new TerminalError(`namespace ${key.name}: overrides failed: ${failures.join('; ')}`);
      },
    },
    { log: env.log },
  );
  // Only a cluster's arrival matters (upstream watches cluster creation alone): status updates every
  // probe would otherwise re-run every namespace.
  for (const informer of clusterInformers) informer.addHandlers({ add: () => everyNamespace().forEach((key) => controller.enqueue(key)) });
  env.manager.add(controller);
}
