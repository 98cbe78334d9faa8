// Small constructors for structural schemas, so the built-in kinds read like the upstream types they
// mirror: `object({ name: string() }, { required: ['name'] })`, `mapList(port, ['containerPort', 'protocol'])`.

import { QUANTITY_PATTERN } from '../../machinery/quantity.js';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';

/** Everything but the shape-defining keys, for decorating a schema (description, default, enum, ...). */
export type SchemaExtras = Omit<JSONSchemaProps, 'type' | 'properties' | 'items' | 'additionalProperties'>;

export function string(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'string', ...extras };
}

export function enumString(values: readonly string[], extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'string', enum: [...values], ...extras };
}

export function int32(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'integer', format: 'int32', ...extras };
}

export function int64(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'integer', format: 'int64', ...extras };
}

export function double(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'number', format: 'double', ...extras };
}

export function boolean(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'boolean', ...extras };
}

/** metav1.Time and metav1.MicroTime: RFC 3339 strings. */
export function dateTime(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'string', format: 'date-time', ...extras };
}

/** []byte fields: base64 strings. */
export function bytes(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'string', format: 'byte', ...extras };
}

export function object(properties: Record<string, JSONSchemaProps>, extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'object', properties, ...extras };
}

/** A struct that server-side apply replaces as a whole (`+structType=atomic`). */
export function atomicObject(properties: Record<string, JSONSchemaProps>, extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'object', properties, 'x-kubernetes-map-type': 'atomic', ...extras };
}

/** A map with arbitrary keys, e.g. labels or resource lists. */
export function mapOf(values: JSONSchemaProps, extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'object', additionalProperties: values, ...extras };
}

export function stringMap(extras: SchemaExtras = {}): JSONSchemaProps {
  return mapOf({ type: 'string' }, extras);
}

/** A subtree kept verbatim: not validated field by field and never pruned. */
export function preserved(extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, ...extras };
}

/** A list replaced as a whole by merges and applies (upstream `+listType=atomic`). */
export function list(items: JSONSchemaProps, extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'array', items, 'x-kubernetes-list-type': 'atomic', ...extras };
}

/** A list of unique scalars (upstream `+listType=set`). */
export function setList(items: JSONSchemaProps, extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'array', items, 'x-kubernetes-list-type': 'set', ...extras };
}

/** A list keyed by item fields (upstream `+listType=map` with `+listMapKey`). */
export function mapList(items: JSONSchemaProps, keys: readonly string[], extras: SchemaExtras = {}): JSONSchemaProps {
  return { type: 'array', items, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': [...keys], ...extras };
}

/** Strategic-merge-patch metadata for a list field (`patchMergeKey` / `patchStrategy` struct tags). */
export function patchMerge(mergeKey: string | undefined, strategy = 'merge'): SchemaExtras {
  return mergeKey === undefined
    ? { 'x-kubernetes-patch-strategy': strategy }
    : { 'x-kubernetes-patch-merge-key': mergeKey, 'x-kubernetes-patch-strategy': strategy };
}

export function stringList(extras: SchemaExtras = {}): JSONSchemaProps {
  return list({ type: 'string' }, extras);
}

/** intstr.IntOrString: a number or a string such as "25%" or a port name. */
export function intOrString(extras: SchemaExtras = {}): JSONSchemaProps {
  return { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true, ...extras };
}


export function quantity(extras: SchemaExtras = {}): JSONSchemaProps {
  return intOrString({ pattern: QUANTITY_PATTERN, ...extras });
}

/** core/v1 ResourceList: resource name → quantity. */
export function quantityMap(extras: SchemaExtras = {}): JSONSchemaProps {
  return mapOf(quantity(), extras);
}
