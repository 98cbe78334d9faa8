// DELETE: preconditions, propagation policy (Orphan and Foreground become finalizers the garbage
// collector honours), graceful deletion while finalizers remain, removal otherwise.

import { errors } from '../../machinery/errors.js';
import { isPlainObject, shallowCopy, type KubeObject } from '../../machinery/object.js';
import { queryFlag } from '../../machinery/query-flag.js';
import { fieldErrors } from '../../machinery/validation/field-errors.js';
import type { ServedResource } from '../registry/kind-registry.js';
import type { ClusterContext } from './cluster-context.js';
import { dryRunRequested, nowTimestamp } from './context.js';
import { renderEntry, renderObject, type Rendered } from './convert.js';
import { objectKey } from './keys.js';
import { isStoreConflict, toApiError } from './store-errors.js';
import { hasPendingFinalizers, strategyOf } from './write.js';

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface DeleteResult extends Rendered {
  /** True when the object is gone; false when it waits for finalizers. */
  finished: boolean;
}

function deleteResult(rendered: Rendered, finished: boolean): DeleteResult {
  return { object: rendered.object, body: rendered.body, finished };
}

/** A propagation policy, refused as kube-apiserver's ValidateDeleteOptions does. */
function propagationPolicyOf(policy: unknown): PropagationPolicy {
  if (policy === 'Orphan' || policy === 'Background' || policy === 'Foreground') return policy;
  throw errors.invalid('DeleteOptions', 'meta.k8s.io', '', [fieldErrors.notSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan', 'nil'])]);
}

/** DeleteOptions given as query parameters (a delete without a body), as apimachinery decodes them. */
function queryDeleteOptions(query: URLSearchParams): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const policy = query.get('propagationPolicy');
  if (policy) options.propagationPolicy = policy;
  const orphan = queryFlag(query, 'orphanDependents');
  if (orphan !== undefined) options.orphanDependents = orphan;
  const dryRun = query.getAll('dryRun');
  if (dryRun.length > 0) options.dryRun = dryRun;
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null && !/^-?\d+$/.test(grace)) throw errors.badRequest(`gracePeriodSeconds: invalid value ${JSON.stringify(grace)}: must be an integer`);
  return options;
}

/**
 * As kube-apiserver: the options come from the body when there is one, else from the query (a query
 * beside a body is not read), and are then validated alike.
 */
export function parseDeleteOptions(body: unknown, query: URLSearchParams): DeleteOptions {
  if (body !== undefined && !isPlainObject(body)) throw errors.badRequest('the body of a delete request must be a DeleteOptions object');
  const given = isPlainObject(body) ? body : queryDeleteOptions(query);
  const options: DeleteOptions = {};
  if (given.propagationPolicy !== undefined) options.propagationPolicy = propagationPolicyOf(given.propagationPolicy);
  if (typeof given.orphanDependents === 'boolean') {
    if (options.propagationPolicy !== undefined) {
      throw errors.invalid('DeleteOptions', 'meta.k8s.io', '', [fieldErrors.invalid('propagationPolicy', options.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set')]);
    }
    options.orphanDependents = given.orphanDependents;
  }
  if (isPlainObject(given.preconditions)) {
    const pre = given.preconditions;
    options.preconditions = {};
    if (typeof pre.uid === 'string') options.preconditions.uid = pre.uid;
    if (typeof pre.resourceVersion === 'string') options.preconditions.resourceVersion = pre.resourceVersion;
  }
  if (Array.isArray(given.dryRun) && dryRunRequested(given.dryRun)) options.dryRun = true;
  return options;
}

function withFinalizer(finalizers: string[], add: string | undefined, remove: string[]): string[] {
  const out = finalizers.filter((f) => !remove.includes(f));
  if (add && !out.includes(add)) out.push(add);
  return out;
}

export async function deleteObject(context: ClusterContext, served: ServedResource, namespace: string | undefined, name: string, options: DeleteOptions): Promise<DeleteResult> {
  const key = objectKey(served.definition, namespace, name);
  const strategy = strategyOf(context, served);
  for (let attempt = 0; ; attempt++) {
    const entry = context.store.get(key);
    if (!entry) throw errors.notFound(served.definition.plural, served.group, name);
    const current = entry.object;
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw errors.conflict(served.definition.plural, served.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(served.definition.plural, served.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : undefined);
    const existing = current.metadata.finalizers ?? [];
    let finalizers = existing;
    if (policy === 'Orphan') finalizers = withFinalizer(existing, ORPHAN_FINALIZER, [FOREGROUND_FINALIZER]);
    else if (policy === 'Foreground') finalizers = withFinalizer(existing, FOREGROUND_FINALIZER, [ORPHAN_FINALIZER]);
    else if (policy === 'Background' && current.metadata.deletionTimestamp) finalizers = withFinalizer(existing, undefined, [ORPHAN_FINALIZER, FOREGROUND_FINALIZER]);

    // Copied key by key: deletion fields are added to it (see shallowCopy).
    const next = shallowCopy(current);
    next.metadata = shallowCopy(current.metadata);
    if (finalizers.length > 0) next.metadata.finalizers = finalizers;
    else delete next.metadata.finalizers;
    try {
      if (hasPendingFinalizers(next, strategy)) {
        if (current.metadata.deletionTimestamp && finalizers === existing) return deleteResult(renderEntry(entry, served), false);
        if (!current.metadata.deletionTimestamp) {
          next.metadata.deletionTimestamp = nowTimestamp();
          next.metadata.deletionGracePeriodSeconds = 0;
          // As kube-apiserver marks an object deleting: a kind that keeps no generation gets none.
          const generation = current.metadata.generation ?? 0;
          if (generation > 0) next.metadata.generation = generation + 1;
          strategy?.prepareForDeletion?.(next);
        }
        if (options.dryRun) return deleteResult(renderObject(next, served), false);
        const updated = await context.store.update(key, next, entry.revision);
        return deleteResult(renderEntry(updated, served), false);
      }
      if (options.dryRun) return deleteResult(renderEntry(entry, served), true);
      const deleted = await context.store.delete(key, entry.revision);
      return deleteResult(renderEntry(deleted, served), true);
    } catch (error) {
      if (isStoreConflict(error) && attempt < 16) continue;
      throw toApiError(error, served, name);
    }
  }
}
