// PATCH: merge (RFC 7386), JSON (RFC 6902), strategic merge (built-in kinds only) and server-side
// apply. The patched object then goes through the update path; a concurrent write between read and
// write retries the patch on the new version, unless the patch itself pins a resourceVersion.

import { ApiError, errors } from '../../machinery/errors.js';
import { applyJsonPatch, PatchError } from '../../machinery/jsonpatch.js';
import { applyMergePatch } from '../../machinery/mergepatch.js';
import { applyStrategicMergePatch } from '../../machinery/strategicpatch.js';
import { canonicalizeQuantities } from '../../machinery/schema/index.js';
import { serverSideApply, type ServerSideApplyArgs } from '../../machinery/managedfields/index.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { ServedResource } from '../registry/kind-registry.js';
import type { ClusterContext } from './cluster-context.js';
import { nowTimestamp, type WriteOptions, type WriteResult } from './context.js';
import { objectKey } from './keys.js';
import { isStoreConflict } from './store-errors.js';
import { checkBodyKind, createObject, managerOf, updateObject } from './write.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const PATCH_CONTENT_TYPES: ReadonlyMap<string, PatchType> = new Map([
  ['application/json-patch+json', 'json'],
  ['application/merge-patch+json', 'merge'],
  ['application/strategic-merge-patch+json', 'strategic'],
  ['application/apply-patch+yaml', 'apply'],
]);

/** The patch a request body of this media type holds; undefined for any other type. */
export function patchTypeOf(mediaType: string): PatchType | undefined {
  return PATCH_CONTENT_TYPES.get(mediaType);
}

export interface PatchInput {
  served: ServedResource;
  namespace: string | undefined;
  name: string;
  patchType: PatchType;
  /**
   * The request's own document (parsed from its body, or copied for it in process): an apply
   * configuration is completed in place (kind, apiVersion, name) rather than copied first.
   */
  patch: unknown;
  subresource?: string;
  force?: boolean;
  options: WriteOptions;
}

/**
 * A patch not pinned to a resourceVersion is applied again to the newer version each time another write
 * got there first (kube-apiserver's GuaranteedUpdate). Every lost attempt is another writer's write made
 * durable — the store answers a conflict only once the winner is readable — so this bounds a hot object
 * with more concurrent writers than it, not a spin.
 */
const MAX_RETRIES = 100;

export async function patchObject(context: ClusterContext, input: PatchInput): Promise<WriteResult> {
  const { served, patchType } = input;
  if (patchType === 'strategic' && served.definition.custom) {
    throw errors.unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
    );
  }
  for (let attempt = 0; ; attempt++) {
    const key = objectKey(served.definition, input.namespace, input.name);
    const entry = context.store.get(key);
    if (!entry) {
      if (patchType === 'apply' && !input.subresource) return applyCreate(context, input);
      throw errors.notFound(served.definition.plural, served.group, input.name);
    }
    const current = { ...entry.object, apiVersion: served.apiVersion } as KubeObject;
    let patched: KubeObject;
    let managedFieldsReady = false;
    if (patchType === 'apply') {
      patched = applyServerSide(current, input, appliedConfiguration(input));
      managedFieldsReady = true;
    } else {
      patched = applyPatchDocument(current, input);
    }
    const pinned = patched.metadata.resourceVersion !== undefined && patched.metadata.resourceVersion !== entry.object.metadata.resourceVersion;
    if (pinned) throw errors.conflict(served.definition.plural, served.group, input.name);
    // A patch keeps the object's resourceVersion only as a precondition; the store does the CAS.
    delete patched.metadata.resourceVersion;
    try {
      const update: Parameters<typeof updateObject>[1] = {
        served,
        namespace: input.namespace,
        name: input.name,
        object: patched,
        old: entry.object,
        oldRevision: entry.revision,
        options: input.options,
        managedFieldsReady,
      };
      if (input.subresource) update.subresource = input.subresource;
      return await updateObject(context, update);
    } catch (error) {
      if (error instanceof ApiError && error.code === 409 && error.reason === 'Conflict' && attempt < MAX_RETRIES && !patchPinsVersion(input.patch)) continue;
      if (isStoreConflict(error) && attempt < MAX_RETRIES) continue;
      throw error;
    }
  }
}

function patchPinsVersion(patch: unknown): boolean {
  if (Array.isArray(patch)) return patch.some((op) => isPlainObject(op) && op.path === '/metadata/resourceVersion');
  return isPlainObject(patch) && isPlainObject(patch.metadata) && patch.metadata.resourceVersion !== undefined;
}

function applyPatchDocument(current: KubeObject, input: PatchInput): KubeObject {
  let result: unknown;
  try {
    switch (input.patchType) {
      case 'json':
        result = applyJsonPatch(current, input.patch);
        break;
      case 'merge':
        if (!isPlainObject(input.patch)) throw errors.badRequest('a merge patch must be a JSON object');
        result = applyMergePatch(current, input.patch);
        break;
      case 'strategic':
        if (!isPlainObject(input.patch)) throw errors.badRequest('a strategic merge patch must be a JSON object');
        result = applyStrategicMergePatch(current, input.patch, input.served.version.schema);
        break;
      default:
        throw errors.unsupportedMediaType(`unsupported patch type ${input.patchType}`);
    }
  } catch (error) {
    if (error instanceof PatchError) {
      if (error.kind === 'invalid') throw errors.badRequest(error.message);
      throw new ApiError(422, 'Invalid', error.message);
    }
    throw error;
  }
  if (!isPlainObject(result) || !isPlainObject(result.metadata)) throw new ApiError(422, 'Invalid', 'the patched object must remain a JSON object with metadata');
  return checkBodyKind(result, input.served);
}

function appliedConfiguration(input: PatchInput): KubeObject {
  // Server-side apply never modifies its configuration: both its paths build the result afresh.
  const applied = checkBodyKind(input.patch, input.served);
  if (applied.metadata.name !== undefined && applied.metadata.name !== input.name) {
    throw errors.badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${input.name})`);
  }
  // Read as kube-apiserver decodes a built-in kind, quantities in canonical text (the document is this
  // request's own): applying `cpu: 0.5` over a stored "500m" changes nothing, so nothing is written.
  if (!input.served.definition.custom) canonicalizeQuantities(applied, input.served.version.schema);
  return applied;
}

function applyServerSide(current: KubeObject | undefined, input: PatchInput, applied: KubeObject): KubeObject {
  const args: ServerSideApplyArgs = {
    live: current,
    applied,
    manager: managerOf(input.options),
    force: input.force === true,
    schema: input.served.version.schema,
    apiVersion: input.served.apiVersion,
    now: nowTimestamp(),
  };
  if (input.subresource) args.subresource = input.subresource;
  try {
    return serverSideApply(args);
  } catch (error) {
    // A configuration the field manager cannot type (a list item without its key, a duplicate key)
    // is the client's mistake: answer 422 rather than kube-apiserver's bare 500.
    if (error instanceof ApiError && error.code >= 500) throw new ApiError(422, 'Invalid', error.message);
    throw error;
  }
}

async function applyCreate(context: ClusterContext, input: PatchInput): Promise<WriteResult> {
  const applied = appliedConfiguration(input);
  applied.metadata.name = input.name;
  const object = applyServerSide(undefined, input, applied);
  return createObject(context, { served: input.served, namespace: input.namespace, object, options: input.options, managedFieldsReady: true });
}
