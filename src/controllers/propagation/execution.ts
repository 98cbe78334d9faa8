// The execution controller: applies each Work's manifests to its member cluster (server-side apply,
// creating the namespace when needed), reports Applied and the member objects' status on the Work, and
// removes the member copies when the Work goes (unless the policy preserves them).

import { defineController } from '../../client/controller.js';
import type { Informer } from '../../client/controller-types.js';
import type { MemberConnection } from '../../client/member-connections.js';
import { resources } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import { connectMember } from '../common/member-connect.js';
import type { ControllerEnv } from '../env.js';
import { setCondition } from '../common/conditions.js';
import { EXECUTION_NAMESPACE_PREFIX, WORK_ANNOTATION, WORK_NAMESPACE_ANNOTATION, WORKS } from './kinds.js';

const FINALIZER = 'karmada.io/execution-controller';
/** Member status is re-read this often while a Work exists. */
const STATUS_REFRESH_MS = 2000;

function manifestsOf(work: KubeObject): KubeObject[] {
  const spec = isPlainObject(work.spec) ? work.spec : {};
  const workload = isPlainObject(spec.workload) ? spec.workload : {};
  return Array.isArray(workload.manifests) ? (workload.manifests as KubeObject[]) : [];
}

async function ensureNamespace(connection: MemberConnection, namespace: string): Promise<void> {
  if (await connection.client.get(resources.namespaces, undefined, namespace)) return;
  await connection.client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }).catch((e: { code?: number }) => {
    if (e.code !== 409) throw e;
  });
}

export function setupExecution(env: ControllerEnv): void {
  const works = env.manager.informer(WORKS);
  const secrets = env.manager.informer(resources.secrets);
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  const clusterObject = (name: string) => clusterInformers.flatMap((i) => i.list()).find((c) => c.metadata.name === name);

  env.manager.add(
    defineController(
      {
        name: 'execution',
        for: works,
        workers: 4,
        reconcile: async (key) => {
          const work = works.get(key.namespace, key.name);
          if (!work || !key.namespace?.startsWith(EXECUTION_NAMESPACE_PREFIX)) return;
          const clusterName = key.namespace.slice(EXECUTION_NAMESPACE_PREFIX.length);
          const cluster = clusterObject(clusterName);
          const finalizers = work.metadata.finalizers ?? [];
          if (work.metadata.deletionTimestamp) {
            const preserve = isPlainObject(work.spec) && work.spec.preserveResourcesOnDeletion === true;
            if (cluster && !preserve) {
              const connection = connectMember(env.members, secrets, cluster);
              for (const manifest of manifestsOf(work)) {
                const type = env.resolveKind(manifest.apiVersion ?? '', manifest.kind ?? '');
                if (type) await connection.client.delete(type, manifest.metadata.namespace, manifest.metadata.name ?? '').catch((e: { code?: number }) => {
                  if (e.code !== 404) throw e;
                });
              }
            }
            if (finalizers.includes(FINALIZER)) await env.client.patch(WORKS, key.namespace, key.name, 'merge', { metadata: { finalizers: finalizers.filter((f) => f !== FINALIZER).length ? finalizers.filter((f) => f !== FINALIZER) : null } });
            return;
          }
          if (!finalizers.includes(FINALIZER)) {
            await env.client.patch(WORKS, key.namespace, key.name, 'merge', { metadata: { finalizers: [...finalizers, FINALIZER] } });
            return;
          }
          const report = async (applied: boolean, message: string, manifestStatuses: unknown[]): Promise<void> => {
            // Applying took a while: write status on the Work as it is now.
            const latest = (await env.client.get(WORKS, key.namespace, key.name)) ?? work;
            const status = isPlainObject(latest.status) ? latest.status : {};
            const next = { ...status, manifestStatuses, conditions: setCondition(status.conditions, { type: 'Applied', status: applied ? 'True' : 'False', reason: applied ? 'AppliedSuccessful' : 'AppliedFailed', message }) };
            if (!deepEqual(next, status)) await env.client.update(WORKS, { ...structuredClone(latest), status: next }, { subresource: 'status' });
          };
          if (!cluster) {
            await report(false, `cluster ${clusterName} is not registered`, []);
            return { requeueAfterMs: STATUS_REFRESH_MS };
          }
          const manifestStatuses: unknown[] = [];
          try {
            const connection = connectMember(env.members, secrets, cluster);
            let ordinal = 0;
            for (const manifest of manifestsOf(work)) {
              const type = env.resolveKind(manifest.apiVersion ?? '', manifest.kind ?? '');
              if (!type) throw new Error(`${manifest.apiVersion} ${manifest.kind} is not a kind the hub knows`);
              if (type.namespaced && manifest.metadata.namespace) await ensureNamespace(connection, manifest.metadata.namespace);
              const body: KubeObject = { ...manifest, metadata: { ...manifest.metadata, annotations: { ...(manifest.metadata.annotations ?? {}), [WORK_ANNOTATION]: key.name, [WORK_NAMESPACE_ANNOTATION]: key.namespace } } };
              const applied = await connection.client.patch(type, manifest.metadata.namespace, manifest.metadata.name ?? '', 'apply', body, { fieldManager: 'kurator', force: true });
              const memberStatus = isPlainObject(applied.status) ? { ...applied.status } : undefined;
              if (memberStatus && typeof applied.metadata.generation === 'number') memberStatus.generationMatches = memberStatus.observedGeneration === applied.metadata.generation;
              const entry: Record<string, unknown> = { identifier: { ordinal: ordinal++, group: type.group, version: type.version, kind: type.kind, resource: type.resource, namespace: manifest.metadata.namespace ?? '', name: manifest.metadata.name ?? '' } };
              if (memberStatus) entry.status = memberStatus;
              manifestStatuses.push(entry);
            }
            await report(true, 'Manifest has been successfully applied', manifestStatuses);
          } catch (error) {
            await report(false, (error as Error).message, manifestStatuses);
          }
          return { requeueAfterMs: STATUS_REFRESH_MS };
        },
      },
      { log: env.log },
    ),
  );
}
