// The execution controller: applies each Work's manifests to its member cluster (server-side apply,
// creating the namespace when needed), reports Applied and the member objects' status and health on the
// Work (once the copies are in place, off the path of the next apply: status-writes.ts), and removes the
// member copies when the Work goes (unless the policy preserves them). A Work whose dispatching is
// suspended is left alone; an object on the member the Work did not create is a conflict unless the Work
// says overwrite.

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey, ReconcileResult } from '../../client/controller-types.js';
import { isNotFound } from '../../client/errors.js';
import { keyString, parseKeyString } from '../../client/keys.js';
import { resources } from '../../client/resources.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, shallowCopy, withStatus, type KubeObject } from '../../machinery/object.js';
import { changedBeyondStatus } from '../common/changes.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import { connectMember } from '../common/member-connect.js';
import type { ControllerEnv } from '../env.js';
import { setCondition } from '../common/conditions.js';
import { interpretHealth, reflectStatus } from './interpreter/index.js';
import { CONFLICT_RESOLUTION_ANNOTATION, EXECUTION_NAMESPACE_PREFIX, WORKS } from './kinds.js';
import { applyToMember } from './member-apply.js';
import { MemberWatches } from './member-watches.js';
import { StatusWrites } from './status-writes.js';
import { EXECUTION_FINALIZER } from './work-manifest.js';

const FINALIZER = EXECUTION_FINALIZER;
/** Retry pace while a Work's cluster is not registered. Member changes arrive by watch (member-watches.ts). */
const UNREGISTERED_RETRY_MS = 2000;
/** A safety net under the member watches: every Work is re-applied this often anyway. */
const RESYNC_MS = 5 * 60_000;
/** Applies run at once: Work is mostly waiting on members, so many at once keep a large fleet moving. */
const APPLY_WORKERS = 64;
/**
 * Work status writes in flight at once: as many as the applies while an apply worker is free; while all
 * are busy (copies waiting to be sent) a few, so the copies, which decide when members have the
 * object, go first and the status follows as soon as there is room.
 */
const STATUS_WRITERS = { free: APPLY_WORKERS, busy: 8 };

function manifestsOf(work: KubeObject): KubeObject[] {
  const spec = isPlainObject(work.spec) ? work.spec : {};
  const workload = isPlainObject(spec.workload) ? spec.workload : {};
  return Array.isArray(workload.manifests) ? (workload.manifests as KubeObject[]) : [];
}

export function setupExecution(env: ControllerEnv): void {
  const works = env.manager.informer(WORKS);
  const secrets = env.manager.informer(resources.secrets);
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  // A Work names its cluster; look it up by an index rather than a scan per reconcile.
  const BY_NAME = 'execution/cluster-name';
  for (const informer of clusterInformers) informer.addIndex(BY_NAME, (c) => [c.metadata.name ?? '']);
  const clusterObject = (name: string) => clusterInformers.flatMap((i) => i.byIndex(BY_NAME, name))[0];
  const watches = new MemberWatches(env.manager, (work) => controller.enqueue(work), env.log);
  let applying = 0;
  const statusWriters = (): number => (applying >= APPLY_WORKERS ? STATUS_WRITERS.busy : STATUS_WRITERS.free);
  // A status write that fails brings its Work back: it is applied (a no-op) and reported again.
  const statusWrites = env.manager.add(
    new StatusWrites(statusWriters, (key, error) => {
      if (isNotFound(error)) return;
      env.log.warn({ work: key, err: error }, 'Work status not written; trying again');
      controller.enqueue(parseKeyString(key));
    }),
  );

  const controller = env.manager.add(
    defineController(
      {
        name: 'execution',
        for: works,
        // Its own status writes do not call for another apply; member changes arrive by watch.
        forUpdated: changedBeyondStatus,
        workers: APPLY_WORKERS,
        reconcile: async (key) => {
          applying++;
          try {
            return await reconcileWork(key);
          } finally {
            applying--;
          }
        },
      },
      { log: env.log },
    ),
  );

  async function reconcileWork(key: ObjectKey): Promise<ReconcileResult | void> {
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
      const others = finalizers.filter((f) => f !== FINALIZER);
      if (others.length < finalizers.length) await env.client.patch(WORKS, key.namespace, key.name, 'merge', { metadata: { finalizers: others.length ? others : null } });
      return;
    }
    if (!finalizers.includes(FINALIZER)) {
      await env.client.patch(WORKS, key.namespace, key.name, 'merge', { metadata: { finalizers: [...finalizers, FINALIZER] } });
      return;
    }
    const report = async (applied: boolean | undefined, message: string | undefined, extra: { manifestStatuses?: unknown[]; dispatching?: boolean }): Promise<void> => {
      // Applying took a while: write status on the Work as it is now.
      const latest = (await env.client.get(WORKS, key.namespace, key.name)) ?? work;
      const status = isPlainObject(latest.status) ? latest.status : {};
      let conditions = setCondition(status.conditions, extra.dispatching === false
        ? { type: 'Dispatching', status: 'False', reason: 'SuspendDispatching', message: 'Work dispatching is in a suspended state.' }
        : { type: 'Dispatching', status: 'True', reason: 'Dispatching', message: 'Work is being dispatched to member clusters.' });
      if (applied !== undefined) conditions = setCondition(conditions, { type: 'Applied', status: applied ? 'True' : 'False', reason: applied ? 'AppliedSuccessful' : 'AppliedFailed', message: message ?? '' });
      const next: Record<string, unknown> = shallowCopy(status);
      next.conditions = conditions;
      if (extra.manifestStatuses) next.manifestStatuses = extra.manifestStatuses;
      if (deepEqual(next, status)) return;
      // The client copies what it is given: no clone of the whole Work needed here.
      await env.client.update(WORKS, withStatus(latest, next), { subresource: 'status' });
    };
    if (!cluster) {
      await report(false, `cluster ${clusterName} is not registered`, { manifestStatuses: [] });
      watches.forget(clusterName);
      return { requeueAfterMs: UNREGISTERED_RETRY_MS };
    }
    if (isPlainObject(work.spec) && work.spec.suspendDispatching === true) {
      await report(undefined, undefined, { dispatching: false });
      return;
    }
    const overwrite = work.metadata.annotations?.[CONFLICT_RESOLUTION_ANNOTATION] === 'overwrite';
    const manifestStatuses: unknown[] = [];
    try {
      const connection = connectMember(env.members, secrets, cluster);
      let ordinal = 0;
      for (const manifest of manifestsOf(work)) {
        const type = env.resolveKind(manifest.apiVersion ?? '', manifest.kind ?? '');
        if (!type) throw new Error(`${manifest.apiVersion} ${manifest.kind} is not a kind the hub knows`);
        const name = manifest.metadata.name ?? '';
        // Watched from the first copy on: its list tells this copy and the ones behind it what is there.
        watches.ensure(clusterName, connection, type);
        const seen = await watches.seen(clusterName, type, manifest.metadata.namespace, name);
        const applied = await applyToMember(connection, type, manifest, { namespace: key.namespace, name: key.name, cluster: clusterName, overwrite }, seen);
        const entry: Record<string, unknown> = { identifier: { ordinal: ordinal++, group: type.group, version: type.version, kind: type.kind, resource: type.resource, namespace: manifest.metadata.namespace ?? '', name } };
        const reflected = reflectStatus(applied);
        if (reflected) entry.status = reflected;
        entry.health = interpretHealth(applied);
        manifestStatuses.push(entry);
      }
      // The copies are in place: their status follows off this path (status-writes.ts).
      statusWrites.set(keyString(key), () => report(true, 'Manifest has been successfully applied', { manifestStatuses }));
    } catch (error) {
      await report(false, (error as Error).message, { manifestStatuses });
      // Retried with the controller's backoff: conflicts, unreachable members and missing kinds heal.
      throw error;
    }
    return { requeueAfterMs: RESYNC_MS };
  }
}
