// The generic write lifecycle every kind shares (kube-apiserver's BeforeCreate/BeforeUpdate): system
// fields, the spec/status split of the status subresource, finalizers while deleting, and generation.

import { randomUUID } from 'node:crypto';
import { errors } from '../../machinery/errors.js';
import { equalExcept } from '../../machinery/deep.js';
import { shallowCopy, shallowCopyWithout, type KubeObject } from '../../machinery/object.js';
import type { ServedResource } from '../registry/kind-registry.js';
import type { KindStrategy } from '../registry/strategy.js';
import { generateNameSuffix } from './names.js';
import { nowTimestamp } from './context.js';

const METADATA_ONLY = new Set(['metadata']);
const METADATA_AND_STATUS = new Set(['metadata', 'status']);

function hasStatusSubresource(served: ServedResource): boolean {
  return served.version.subresources?.status === true;
}

/** Whether the server keeps metadata.generation for the kind (see KindDefinition.generation). */
function tracksGeneration(served: ServedResource): boolean {
  return served.definition.generation !== false;
}

export function prepareCreate(object: KubeObject, served: ServedResource, namespace: string | undefined, strategy: KindStrategy | undefined): void {
  // Copied key by key: uid, creationTimestamp and generation are added to it (see shallowCopy).
  const meta = shallowCopy(object.metadata);
  object.metadata = meta;
  if (served.definition.namespaced) {
    if (meta.namespace && namespace && meta.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = namespace ?? meta.namespace;
  } else {
    delete meta.namespace;
  }
  if (meta.resourceVersion) throw errors.badRequest('resourceVersion should not be set on objects to be created');
  if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${generateNameSuffix()}`;
  meta.uid = randomUUID();
  meta.creationTimestamp = nowTimestamp();
  // Kinds without generation keep what the create sent, as kube-apiserver does (usually nothing).
  if (tracksGeneration(served)) meta.generation = 1;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (hasStatusSubresource(served)) delete object.status;
  strategy?.prepareForCreate?.(object);
}

/**
 * Prepares an update of `old` into `object` for the main resource or the status subresource.
 * Returns the object to store (for /status: the old object with the new status).
 */
export function prepareUpdate(object: KubeObject, old: KubeObject, served: ServedResource, subresource: string | undefined, strategy: KindStrategy | undefined): KubeObject {
  let next: KubeObject;
  if (subresource === 'status') {
    // Copies without a key rather than deleting it after: a delete turns the copy into a slow dictionary.
    next = object.status === undefined ? shallowCopyWithout(old, ['status']) : shallowCopy(old);
    next.metadata = shallowCopy(old.metadata);
    if (object.status !== undefined) next.status = object.status;
    if (object.metadata.managedFields !== undefined) next.metadata.managedFields = object.metadata.managedFields;
  } else {
    const statusKept = hasStatusSubresource(served);
    next = statusKept && old.status === undefined ? shallowCopyWithout(object, ['status']) : shallowCopy(object);
    next.metadata = shallowCopy(object.metadata);
    if (statusKept && old.status !== undefined) next.status = old.status;
  }
  const meta = next.metadata;
  const oldMeta = old.metadata;
  if (meta.uid && meta.uid !== oldMeta.uid) {
    throw errors.invalid(served.definition.kind, served.group, oldMeta.name ?? '', [{ reason: 'FieldValueInvalid', field: 'metadata.uid', message: `Invalid value: ${JSON.stringify(meta.uid)}: field is immutable` }]);
  }
  meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  // Requests cannot change generation.
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
  else if (meta.generation !== undefined) delete meta.generation;
  if (oldMeta.deletionTimestamp) {
    meta.deletionTimestamp = oldMeta.deletionTimestamp;
    meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
    const added = (meta.finalizers ?? []).filter((f) => !(oldMeta.finalizers ?? []).includes(f));
    if (added.length > 0) {
      throw errors.invalid(served.definition.kind, served.group, oldMeta.name ?? '', [{ reason: 'FieldValueForbidden', field: 'metadata.finalizers', message: 'Forbidden: no new finalizers can be added if the object is being deleted' }]);
    }
  } else {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  if (subresource !== 'status') strategy?.prepareForUpdate?.(next, old);
  return next;
}

/** generation counts changes to everything but metadata (and status, with the status subresource). */
export function bumpGeneration(next: KubeObject, old: KubeObject, served: ServedResource): void {
  if (!tracksGeneration(served)) return;
  const ignored = hasStatusSubresource(served) ? METADATA_AND_STATUS : METADATA_ONLY;
  if (!equalExcept(next, old, ignored)) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
}
