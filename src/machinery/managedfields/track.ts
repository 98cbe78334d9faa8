// Field ownership for writes that are not applies (create, update, merge/JSON/strategic patch): the
// writer becomes the owner of every field it changed or added, others lose those fields, and fields
// the write removed leave every manager.

import { deepEqual } from '../deep.js';
import type { KubeObject, ManagedFieldsEntry } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { appearedOnlyUpdate } from './appeared-update.js';
import { runUpdate } from './field-manager.js';
import { TypedValueError } from './list-items.js';
import { decodeManagedFields, emptyManaged, encodeManagedFields, ManagedFieldsError, type Managed } from './managers.js';
import { operationContext, viewWithoutManagedFields } from './operation.js';
import { createdFieldsV1 } from './created.js';
import { FieldsV1Error } from './fieldsv1.js';
import { rootType } from './schema-type.js';

export interface TrackUpdateArgs {
  old: KubeObject | undefined;
  updated: KubeObject;
  manager: string;
  schema: JSONSchemaProps | undefined;
  apiVersion: string;
  now: string;
  subresource?: string;
}

/**
 * The managedFields to store with `updated`. Managed fields the client wrote into `updated` replace
 * the tracked ones (`[]` or `[{}]` clear them), except through a subresource. An existing object
 * without managedFields stays untracked until it is applied to.
 */
export function trackUpdate(args: TrackUpdateArgs): ManagedFieldsEntry[] {
  if (args.old === undefined && !args.subresource && isFresh(args.updated.metadata?.managedFields)) return trackCreate(args);
  const ctx = operationContext(args.schema, args.apiVersion, args.now, args.subresource);
  const managed = startingManaged(args.old, args.updated, ctx.subresource !== undefined);
  const isCreate = !args.old || !args.old.metadata?.uid;
  if (managed.fields.size === 0 && !isCreate) return [];
  // Update tracking only compares the two versions, so views suffice (no copies of large objects).
  const liveObj = args.old ? viewWithoutManagedFields(args.old) : {};
  const update = (from: Managed) => {
    const updated = viewWithoutManagedFields(args.updated);
    return encodeManagedFields(appearedOnlyUpdate(liveObj, updated, from, args.manager, ctx) ?? runUpdate(liveObj, updated, from, args.manager, ctx));
  };
  try {
    return update(managed);
  } catch (err) {
    // An object that does not fit its schema loses its managed fields, as upstream does.
    if (err instanceof TypedValueError) return [];
    // Stored sets are read as they are used: an unreadable one counts as none, as in decodeOrEmpty.
    if (err instanceof FieldsV1Error) return isCreate ? update(emptyManaged()) : [];
    throw err;
  }
}

/** A create without managed fields of its own: the creator owns everything it set (see created.ts). */
function trackCreate(args: TrackUpdateArgs): ManagedFieldsEntry[] {
  let fieldsV1: Record<string, unknown> | undefined;
  try {
    fieldsV1 = createdFieldsV1(viewWithoutManagedFields(args.updated), rootType(args.schema));
  } catch (err) {
    if (err instanceof TypedValueError) return [];
    throw err;
  }
  if (!fieldsV1) return [];
  return [{ manager: args.manager || 'unknown', operation: 'Update', apiVersion: args.apiVersion, time: args.now, fieldsType: 'FieldsV1', fieldsV1 }];
}

/** No managed fields were sent, or the client asked them cleared. */
function isFresh(requested: unknown): boolean {
  return requested === undefined || isReset(requested);
}

function startingManaged(old: KubeObject | undefined, updated: KubeObject, viaSubresource: boolean): Managed {
  const fromOld = () => decodeOrEmpty(old?.metadata?.managedFields);
  if (viaSubresource) return fromOld();
  const requested: unknown = updated.metadata?.managedFields;
  if (isReset(requested)) return emptyManaged();
  // Most writers send back what they read: then the stored entries (and their encodings) are reused.
  if (old && deepEqual(requested, old.metadata?.managedFields)) return fromOld();
  try {
    const m = decodeManagedFields(requested);
    return m.fields.size > 0 ? m : fromOld();
  } catch (err) {
    if (err instanceof ManagedFieldsError) return fromOld();
    throw err;
  }
}

/** `[]` and `[{}]` are how clients ask for managedFields to be cleared. */
function isReset(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  if (v.length === 0) return true;
  return v.length === 1 && typeof v[0] === 'object' && v[0] !== null && Object.keys(v[0] as object).length === 0;
}

function decodeOrEmpty(entries: unknown): Managed {
  try {
    return decodeManagedFields(entries, true);
  } catch (err) {
    if (err instanceof ManagedFieldsError) return emptyManaged();
    throw err;
  }
}
