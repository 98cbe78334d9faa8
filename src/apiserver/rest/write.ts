// CREATE and UPDATE (PUT, and the second half of every PATCH): decode → lifecycle → schema →
// field ownership → store. An update that leaves a deleted object without finalizers removes it.

import { errors } from '../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { deepEqual } from '../../machinery/deep.js';
import { trackUpdate, defaultManagerName, type TrackUpdateArgs } from '../../machinery/managedfields/index.js';
import type { ServedResource } from '../registry/kind-registry.js';
import { strategyKey, type KindStrategy } from '../registry/strategy.js';
import { admitSchema } from './admit-schema.js';
import type { ClusterContext } from './cluster-context.js';
import { nowTimestamp, type WriteOptions, type WriteResult } from './context.js';
import { renderEntry, renderObject, storageApiVersion, type Rendered } from './convert.js';
import { objectKey } from './keys.js';
import { bumpGeneration, prepareCreate, prepareUpdate } from './lifecycle.js';
import { checkNamespaceAcceptsCreate } from './namespace-check.js';
import { toApiError } from './store-errors.js';

const HAND_OVER = { handOver: true } as const;

export function strategyOf(context: ClusterContext, served: ServedResource): KindStrategy | undefined {
  return context.strategies.get(strategyKey(served.group, served.definition.kind));
}

export function managerOf(options: WriteOptions): string {
  const manager = options.fieldManager ?? defaultManagerName(options.userAgent);
  if (manager.length > 128) throw errors.badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  return manager;
}

/**
 * Checks the body names the resource it is sent to (kind and group; any served version). Like
 * kube-apiserver's decoder, a body without kind/apiVersion takes them from the endpoint.
 */
export function checkBodyKind(object: unknown, served: ServedResource): KubeObject {
  if (!isPlainObject(object)) throw errors.badRequest('the body of the request must be a JSON object');
  const { kind, apiVersion } = object;
  if (kind !== undefined && typeof kind !== 'string') throw errors.badRequest('kind must be a string');
  if (apiVersion !== undefined && typeof apiVersion !== 'string') throw errors.badRequest('apiVersion must be a string');
  if (!kind) object.kind = served.definition.kind;
  else if (kind !== served.definition.kind) throw errors.badRequest(`the kind of the request body (${kind}) does not match the resource (${served.definition.kind})`);
  if (!apiVersion) object.apiVersion = served.apiVersion;
  else {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    if (group !== served.group) throw errors.badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${served.apiVersion})`);
  }
  if (object.metadata !== undefined && object.metadata !== null && !isPlainObject(object.metadata)) throw errors.badRequest('metadata must be an object');
  if (!object.metadata) object.metadata = {};
  return object as KubeObject;
}

export interface CreateInput {
  served: ServedResource;
  namespace: string | undefined;
  object: KubeObject;
  options: WriteOptions;
  duplicateFields?: string[];
  /** Set when server-side apply prepared managedFields already. */
  managedFieldsReady?: boolean;
}

/** Built field by field: a spread of the rendering plus new keys is a slow path in V8, on every write. */
function writeResult(rendered: Rendered, warnings: string[], created: boolean): WriteResult {
  return { body: rendered.body, object: rendered.object, warnings, created };
}

export async function createObject(context: ClusterContext, input: CreateInput): Promise<WriteResult> {
  const { served, namespace, options } = input;
  const object = input.object;
  const strategy = strategyOf(context, served);
  if (strategy?.createUnstored) {
    const answer = await strategy.createUnstored({ cluster: context, user: options.user, object, namespace });
    return writeResult(renderObject(answer, served), [], true);
  }
  prepareCreate(object, served, namespace, strategy);
  if (served.definition.namespaced) checkNamespaceAcceptsCreate(context.store, object.metadata.namespace);
  if (options.user) strategy?.admitAuthoredWrite?.({ cluster: context, user: options.user, object, namespace: object.metadata.namespace });
  object.apiVersion = storageApiVersion(served);
  const warnings = admitSchema({ object, old: undefined, served, strategy, fieldValidation: options.fieldValidation ?? 'Strict', duplicateFields: input.duplicateFields });
  if (!input.managedFieldsReady) {
    object.metadata.managedFields = trackUpdate({ old: undefined, updated: object, manager: managerOf(options), schema: served.version.schema, apiVersion: served.apiVersion, now: nowTimestamp() });
  }
  const name = object.metadata.name ?? '';
  if (options.dryRun) {
    if (context.store.get(objectKey(served.definition, object.metadata.namespace, name))) throw errors.alreadyExists(served.definition.plural, served.group, name);
    return writeResult(renderObject(object, served), warnings, true);
  }
  try {
    // The object was built for this request alone: the store keeps it instead of a copy.
    const entry = await context.store.create(objectKey(served.definition, object.metadata.namespace, name), object, HAND_OVER);
    return writeResult(renderEntry(entry, served), warnings, true);
  } catch (error) {
    throw toApiError(error, served, name);
  }
}

export interface UpdateInput {
  served: ServedResource;
  namespace: string | undefined;
  name: string;
  object: KubeObject;
  /** The stored version the update is based on. */
  old: KubeObject;
  oldRevision: number;
  subresource?: string;
  options: WriteOptions;
  duplicateFields?: string[];
  managedFieldsReady?: boolean;
}

export async function updateObject(context: ClusterContext, input: UpdateInput): Promise<WriteResult> {
  const { served, name, old, options, subresource } = input;
  const strategy = strategyOf(context, served);
  const object = input.object;
  const meta = object.metadata;
  if (meta.name !== undefined && meta.name !== name) throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  if (served.definition.namespaced && meta.namespace !== undefined && meta.namespace !== input.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  meta.name = name;
  if (served.definition.namespaced) meta.namespace = input.namespace;
  else delete meta.namespace;
  if (meta.resourceVersion !== undefined && meta.resourceVersion !== '' && meta.resourceVersion !== old.metadata.resourceVersion) {
    throw errors.conflict(served.definition.plural, served.group, name);
  }
  const partial = subresource ? strategy?.subresourceUpdate?.(subresource, object, old) : undefined;
  const next = partial ?? prepareUpdate(object, old, served, subresource, strategy);
  next.apiVersion = storageApiVersion(served);
  if (options.user) strategy?.admitAuthoredWrite?.({ cluster: context, user: options.user, object: next, old, namespace: input.namespace });
  const warnings = admitSchema({ object: next, old, served, strategy, fieldValidation: options.fieldValidation ?? 'Strict', duplicateFields: input.duplicateFields });
  bumpGeneration(next, old, served);
  if (!input.managedFieldsReady) {
    const trackArgs: TrackUpdateArgs = { old, updated: next, manager: managerOf(options), schema: served.version.schema, apiVersion: served.apiVersion, now: nowTimestamp() };
    if (subresource) trackArgs.subresource = subresource;
    next.metadata.managedFields = trackUpdate(trackArgs);
  }
  if (next.metadata.managedFields?.length === 0) delete next.metadata.managedFields;
  const key = objectKey(served.definition, input.namespace, name);
  const finished = next.metadata.deletionTimestamp !== undefined && !hasPendingFinalizers(next, strategy);
  if (options.dryRun) return writeResult(renderObject(next, served), warnings, false);
  // Like kube-apiserver, an update that changes nothing is not written: no new resourceVersion, no event.
  if (!finished && unchanged(next, old)) {
    const entry = context.store.get(key);
    if (entry && entry.revision === input.oldRevision) return writeResult(renderEntry(entry, served), warnings, false);
  }
  try {
    if (finished) {
      const entry = await context.store.delete(key, input.oldRevision);
      return writeResult(renderEntry(entry, served), warnings, false);
    }
    const entry = await context.store.update(key, next, input.oldRevision, HAND_OVER);
    return writeResult(renderEntry(entry, served), warnings, false);
  } catch (error) {
    throw toApiError(error, served, name);
  }
}

function unchanged(next: KubeObject, old: KubeObject): boolean {
  const { resourceVersion: _a, ...nextMeta } = next.metadata;
  const { resourceVersion: _b, ...oldMeta } = old.metadata;
  return deepEqual({ ...next, metadata: nextMeta }, { ...old, metadata: oldMeta });
}

export function hasPendingFinalizers(object: KubeObject, strategy: KindStrategy | undefined): boolean {
  return (object.metadata.finalizers?.length ?? 0) > 0 || strategy?.pendingFinalizers?.(object) === true;
}
