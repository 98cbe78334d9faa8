// Server-side apply and managedFields tracking with structured-merge-diff semantics.

import { FieldSet } from './fieldset.js';
import type { FieldPath } from './path-element.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { rootType } from './schema-type.js';
import { toFieldSet } from './to-field-set.js';
import { STRIP_SET } from './field-manager.js';

export { FieldSet } from './fieldset.js';
export { fieldSetToFieldsV1, fieldSetFromFieldsV1, FieldsV1Error } from './fieldsv1.js';
export {
  formatFieldPath,
  formatPathElement,
  parsePathElement,
  serializePathElement,
  fieldElement,
  keyElement,
  valueElement,
  type PathElement,
  type FieldPath,
  type KeyField,
} from './path-element.js';
export { ApplyConflictError } from './conflict.js';
export { serverSideApply, type ServerSideApplyArgs } from './apply.js';
export { trackUpdate, type TrackUpdateArgs } from './track.js';
export { defaultManagerName } from './manager-name.js';
export { TypedValueError } from './list-items.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';

/**
 * The fields an object sets, as an applier of it would own them: leaves, atomic lists/maps as one
 * field, list-map and set items; never apiVersion, kind or server-owned metadata. Throws
 * TypedValueError for list items without their keys.
 */
export function fieldSetFromObject(object: unknown, schema: JSONSchemaProps | undefined): FieldSet {
  return toFieldSet(object, rootType(schema), true).difference(STRIP_SET);
}

export const emptyFieldSet = (): FieldSet => new FieldSet();
export const fieldSetUnion = (a: FieldSet, b: FieldSet): FieldSet => a.union(b);
export const fieldSetIntersection = (a: FieldSet, b: FieldSet): FieldSet => a.intersection(b);
export const fieldSetDifference = (a: FieldSet, b: FieldSet): FieldSet => a.difference(b);
export const fieldSetIsEmpty = (s: FieldSet): boolean => s.isEmpty();
export const fieldSetHas = (s: FieldSet, path: FieldPath): boolean => s.has(path);
export const fieldSetPaths = (s: FieldSet): FieldPath[] => s.paths();
