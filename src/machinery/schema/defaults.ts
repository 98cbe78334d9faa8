// Defaulting (apiextensions' structural defaulting): missing properties that declare a `default` get a
// deep copy of it, as do nulls where the schema is not nullable; then defaulting recurses into present
// values, array items and additionalProperties. A `default` of null counts as no default.
//
// Upstream order on a write: prune unknown fields, dropNullsForNonNullable, applyDefaults, validate.

import { isPlainObject, setOwnProperty } from '../object.js';
import { HAS_DEFAULT, infoOf, treeFeatures } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

function copyJson(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyJson(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in v as Record<string, unknown>) setOwnProperty(out, key, copyJson((v as Record<string, unknown>)[key]));
  return out;
}

const hasDefault = (s: JSONSchemaProps): boolean => s.default !== undefined && s.default !== null;
const isNonNullableNull = (v: unknown, s: JSONSchemaProps | undefined): boolean => v === null && s !== undefined && !s.nullable;

/** Applies schema defaults to `value` in place. */
export function applyDefaults(value: unknown, schema: JSONSchemaProps | undefined): void {
  // Most schemas declare few defaults: a subtree without any has nothing to do.
  if (!schema || !(treeFeatures(schema) & HAS_DEFAULT)) return;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return;
    for (let i = 0; i < value.length; i++) {
      if (isNonNullableNull(value[i], items)) value[i] = hasDefault(items) ? copyJson(items.default) : null;
      applyDefaults(value[i], items);
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const info = infoOf(schema);
  for (const [key, prop] of info.defaulted) {
    if (!Object.prototype.hasOwnProperty.call(value, key) || value[key] === undefined || isNonNullableNull(value[key], prop)) {
      value[key] = copyJson(prop.default);
    }
  }
  const additional = typeof info.additional === 'object' ? info.additional : undefined;
  for (const key in value) {
    const prop = info.properties?.get(key);
    if (prop) applyDefaults(value[key], prop);
    else if (additional) {
      if (isNonNullableNull(value[key], additional) && hasDefault(additional)) value[key] = copyJson(additional.default);
      applyDefaults(value[key], additional);
    }
  }
}

/**
 * Removes nulls the schema does not allow (not nullable) and cannot default, from object fields. Nulls
 * in arrays stay (validation reports them); nulls with a default are left for applyDefaults.
 */
export function dropNullsForNonNullable(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items) for (const item of value) dropNullsForNonNullable(item, items);
    return;
  }
  if (!isPlainObject(value)) return;
  const info = infoOf(schema);
  // for-in, not Object.keys: no array per object walked (deleting the key being visited is safe).
  for (const key in value) {
    const sub = info.properties?.get(key) ?? (typeof info.additional === 'object' ? info.additional : undefined);
    const v = value[key];
    if (v === null && sub && !sub.nullable && !hasDefault(sub)) delete value[key];
    else dropNullsForNonNullable(v, sub);
  }
}
