// Per-request settings shared by apply and update tracking.

import type { KubeObject } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import type { OperationContext } from './field-manager.js';
import { FieldSet } from './fieldset.js';
import { fieldElement } from './path-element.js';
import { rootType } from './schema-type.js';
import { deepClone } from '../deep.js';

/** Metadata only the server writes; never taken from an applied configuration. */
export const SYSTEM_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'managedFields',
] as const;

const STATUS = FieldSet.of([fieldElement('status')]);
const SPEC = FieldSet.of([fieldElement('spec')]);
const NOTHING = new FieldSet();

/**
 * The main resource does not own status and /status does not own spec (upstream's reset fields for
 * kinds with a status subresource).
 */
export function operationContext(
  schema: JSONSchemaProps | undefined,
  apiVersion: string,
  now: string,
  subresource: string | undefined,
): OperationContext {
  const sub = subresource || undefined;
  const ignored = sub === undefined ? STATUS : sub === 'status' ? SPEC : NOTHING;
  return { type: rootType(schema), ignored, apiVersion, now, subresource: sub };
}

/** A read-only view of `obj` without managedFields: shares everything but the top level and metadata. */
export function viewWithoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata || obj.metadata.managedFields === undefined) return obj;
  const { managedFields: _managed, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** A private copy of `obj` without managedFields, for algorithms that build on it. */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  const copy = deepClone(obj);
  if (copy.metadata) delete copy.metadata.managedFields;
  return copy;
}
