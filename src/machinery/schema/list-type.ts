// Uniqueness for x-kubernetes-list-type set (whole items) and map (the list-map-keys of each item), as
// apiextensions' listtype validation: each repeated value is reported once, at its second occurrence.

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { childPath, fieldErrors, indexPath, keyPath } from '../validation/field-errors.js';
import { goJson } from '../go-json.js';
import { HAS_SET_OR_MAP_LIST, infoOf, treeFeatures } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

export function validateListTypes(value: unknown, schema: JSONSchemaProps | undefined, path: string, out: StatusCause[]): void {
  if (!schema || (treeFeatures(schema) & HAS_SET_OR_MAP_LIST) === 0) return;
  if (Array.isArray(value)) {
    validateArray(value, schema, path, out);
    return;
  }
  if (!isPlainObject(value)) return;
  const info = infoOf(schema);
  if (typeof info.additional === 'object') for (const key in value) validateListTypes(value[key], info.additional, keyPath(path, key), out);
  if (info.properties) {
    for (const key in value) {
      const prop = info.properties.get(key);
      if (prop) validateListTypes(value[key], prop, childPath(path, key), out);
    }
  }
}

function validateArray(items: unknown[], schema: JSONSchemaProps, path: string, out: StatusCause[]): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') {
    for (const i of repeatedIndices(items)) out.push(fieldErrors.duplicate(indexPath(path, i), items[i]));
  } else if (listType === 'map') {
    validateListMap(items, schema['x-kubernetes-list-map-keys'] ?? [], path, out);
  }
  if (schema.items) for (let i = 0; i < items.length; i++) validateListTypes(items[i], schema.items, indexPath(path, i), out);
}

const UNSPECIFIED = Symbol('unspecified key');

/** Indices of the second occurrence of every value that occurs more than once. */
function repeatedIndices(values: readonly unknown[]): number[] {
  if (values.length <= 1) return [];
  const scalars = new Map<unknown, number>();
  const compounds = new Map<string, number>();
  const repeated: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const compound = typeof v === 'object' && v !== null;
    const key = compound ? goJson(v) : v;
    const seen: Map<unknown, number> = compound ? compounds : scalars;
    const times = seen.get(key) ?? 0;
    seen.set(key, times + 1);
    if (times === 1) repeated.push(i);
  }
  return repeated;
}

function validateListMap(items: unknown[], keys: readonly string[], path: string, out: StatusCause[]): void {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (x !== null && !isPlainObject(x)) {
      out.push(fieldErrors.invalid(indexPath(path, i), x, 'must be an object for an array of list-type map'));
      return;
    }
  }
  if (items.length <= 1) return;
  if (keys.length === 1) {
    const keyField = keys[0] as string;
    const values = items.map((x) => (isPlainObject(x) && Object.prototype.hasOwnProperty.call(x, keyField) ? x[keyField] : UNSPECIFIED));
    for (const i of repeatedIndices(values)) {
      const v = values[i];
      out.push(fieldErrors.duplicate(indexPath(path, i), v === UNSPECIFIED ? {} : { [keyField]: v }));
    }
    return;
  }
  const tuples = items.map((x) => {
    const key: Record<string, unknown> = {};
    if (isPlainObject(x)) for (const k of keys) if (Object.prototype.hasOwnProperty.call(x, k)) key[k] = x[k];
    return key;
  });
  for (const i of repeatedIndices(tuples)) out.push(fieldErrors.duplicate(indexPath(path, i), tuples[i]));
}
