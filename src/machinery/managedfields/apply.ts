// Server-side apply of one configuration to one object, with field ownership as kube-apiserver
// tracks it. Pure: the caller supplies the live object, schema, manager and clock.

import { ApiError, errors } from '../errors.js';
import { shallowCopy, shallowCopyWithout, type KubeObject, type ManagedFieldsEntry } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { deepClone } from '../deep.js';
import { appliedCreateFieldsV1 } from './applied-create.js';
import { ApplyConflictError } from './conflict.js';
import { runApply, type AppliedConfig, type ApplyOutcome, type OperationContext } from './field-manager.js';
import type { FieldSet } from './fieldset.js';
import { FieldsV1Error } from './fieldsv1.js';
import { fieldsStillAsLastApplied, hasLastApplied, LAST_APPLIED_MANAGER, syncLastApplied } from './last-applied.js';
import { TypedValueError } from './list-items.js';
import { decodeManagedFields, emptyManaged, encodeManagedFields, ManagedFieldsError, type Managed } from './managers.js';
import { operationContext, SYSTEM_METADATA, viewWithoutManagedFields, withoutManagedFields } from './operation.js';
import { toFieldSet } from './to-field-set.js';
import { Conflicts } from './updater.js';

export interface ServerSideApplyArgs {
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  schema: JSONSchemaProps | undefined;
  apiVersion: string;
  now: string;
  subresource?: string;
}

/**
 * Merges `applied` into `live` (or creates from it), removes fields this manager applied before and
 * dropped now unless someone else owns them, and returns the object with updated managedFields.
 * Throws ApplyConflictError (409) on conflicts unless `force`, and ApiError 400/500 for configurations
 * that cannot be applied. System metadata (uid, resourceVersion, ...) stays as in `live`.
 */
export function serverSideApply(args: ServerSideApplyArgs): KubeObject {
  const { applied, manager } = args;
  if (applied.metadata?.managedFields !== undefined && applied.metadata.managedFields !== null) {
    throw errors.badRequest('metadata.managedFields must be nil');
  }
  const ctx = operationContext(args.schema, args.apiVersion, args.now, args.subresource);
  const config = withoutSystemMetadata(applied);
  const { object: result, entries } = (!args.live && ctx.subresource === undefined && appliedCreate(config, manager, ctx)) || generalApply(args, config, ctx);
  if (!result.metadata) result.metadata = {};
  if (manager === LAST_APPLIED_MANAGER && hasLastApplied(result)) syncLastApplied(result, applied);
  if (entries.length > 0) result.metadata.managedFields = entries;
  else delete result.metadata.managedFields;
  return result;
}

interface Applied {
  readonly object: KubeObject;
  readonly entries: ManagedFieldsEntry[];
}

/**
 * An apply that creates the object: the configuration as it is, its applier owning its field set (see
 * applied-create.ts). Undefined for a configuration the field manager cannot type, which the general
 * path refuses with the full message.
 */
function appliedCreate(config: KubeObject, manager: string, ctx: OperationContext): Applied | undefined {
  if (ctx.type.kind !== 'map') return undefined;
  let fieldsV1: Record<string, unknown> | undefined;
  try {
    fieldsV1 = appliedCreateFieldsV1(config, ctx.type);
  } catch (err) {
    if (err instanceof TypedValueError) return undefined;
    throw err;
  }
  const entries: ManagedFieldsEntry[] = fieldsV1
    ? [{ manager: manager || 'unknown', operation: 'Apply', apiVersion: ctx.apiVersion, time: ctx.now, fieldsType: 'FieldsV1', fieldsV1 }]
    : [];
  // The configuration is read, never modified: the object is a copy (merged into nothing, it is the same).
  return { object: deepClone(config), entries };
}

/** Merge, prune, take ownership and detect conflicts against the live object's managers. */
function generalApply(args: ServerSideApplyArgs, config: KubeObject, ctx: OperationContext): Applied {
  const { applied, manager, force } = args;
  // A view sharing the stored object: the merge builds its result afresh and never changes the live
  // object, so only an outcome that is the live object itself is copied (below) before it is changed.
  const liveObj: KubeObject | Record<string, never> = args.live ? viewWithoutManagedFields(args.live) : {};
  const managed = decodeLive(args.live);

  let configSet: FieldSet;
  try {
    configSet = toFieldSet(config, ctx.type, false);
  } catch (err) {
    if (err instanceof TypedValueError) throw typedError('patch', applied, args.apiVersion, err);
    throw err;
  }
  let outcome: ApplyOutcome;
  try {
    outcome = applyWithLastApplied(liveObj, { object: config, set: configSet }, managed, manager, force, ctx);
  } catch (err) {
    if (err instanceof Conflicts) throw new ApplyConflictError(err.conflicts);
    if (err instanceof TypedValueError) throw typedError('live', args.live ?? applied, args.apiVersion, err);
    throw unreadableManagedFields(err);
  }
  const object = (outcome.object === liveObj && args.live ? withoutManagedFields(args.live) : outcome.object) as KubeObject;
  try {
    return { object, entries: encodeManagedFields(outcome.managed) };
  } catch (err) {
    throw unreadableManagedFields(err);
  }
}

/** Conflicts with fields kubectl's last-applied annotation still describes are forgiven for "kubectl". */
function applyWithLastApplied(
  liveObj: unknown,
  config: AppliedConfig,
  managed: Managed,
  manager: string,
  force: boolean,
  ctx: OperationContext,
): ApplyOutcome {
  try {
    return runApply(liveObj, config, managed, manager, force, ctx);
  } catch (err) {
    if (!(err instanceof Conflicts) || manager !== LAST_APPLIED_MANAGER) throw err;
    const allowed = fieldsStillAsLastApplied(liveObj, ctx.apiVersion, ctx.type);
    if (!allowed) throw err;
    const remaining = err.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw new Conflicts(remaining);
    return runApply(liveObj, config, managed, manager, true, ctx);
  }
}

function decodeLive(live: KubeObject | undefined): Managed {
  if (!live) return emptyManaged();
  try {
    return decodeManagedFields(live.metadata?.managedFields, true);
  } catch (err) {
    throw unreadableManagedFields(err);
  }
}

/** The live object's managedFields could not be read (when decoded, or later as their sets were used). */
function unreadableManagedFields(err: unknown): unknown {
  if (err instanceof ManagedFieldsError || err instanceof FieldsV1Error) return errors.internal(`failed to decode managed fields: ${err.message}`);
  return err;
}

/**
 * The configuration without fields only the server sets; the merge then keeps the live values. Only
 * metadata is copied: the configuration is read, never modified, and the merge builds new values.
 */
function withoutSystemMetadata(applied: KubeObject): KubeObject {
  if (!applied.metadata) return shallowCopy(applied);
  const config = shallowCopy(applied);
  config.metadata = shallowCopyWithout(applied.metadata, SYSTEM_METADATA);
  return config;
}

function typedError(which: 'patch' | 'live', obj: KubeObject, apiVersion: string, err: TypedValueError): ApiError {
  const ns = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  const message = `failed to create typed ${which} object (${ns}/${name}; ${gv}, Kind=${obj.kind ?? ''}): ${err.message}`;
  // kube-apiserver reports these as a bare 500 with no reason.
  return new ApiError(500, '', message);
}
