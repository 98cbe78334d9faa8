// The merge-relevant shape of a schema, as structured-merge-diff sees it after kube-openapi's
// conversion: scalars, lists (atomic, or associative: a set, or a map keyed by item fields) and
// maps/structs (atomic or granular). Values with no usable schema are "deduced": objects are granular
// maps, lists are atomic, everything else a scalar.

import type { JSONSchemaProps } from '../schema/types.js';
import { OBJECT_META_SCHEMA } from './object-meta-schema.js';

export interface ListType {
  readonly kind: 'list';
  readonly atomic: boolean;
  /** Key fields of a list-map; empty for a set. Meaningless when atomic. */
  readonly keys: readonly string[];
  /** Defaults of key fields, used when an item omits one. */
  readonly keyDefaults: ReadonlyMap<string, unknown>;
  readonly element: SchemaType;
}

export interface MapType {
  readonly kind: 'map';
  readonly atomic: boolean;
  /** Declared fields (struct members). */
  readonly fields: ReadonlyMap<string, SchemaType>;
  /** Type of undeclared keys; undefined means "deduce from the value". */
  readonly element: SchemaType | undefined;
}

export type SchemaType = { readonly kind: 'scalar' } | { readonly kind: 'deduced' } | ListType | MapType;

export const SCALAR: SchemaType = { kind: 'scalar' };
export const DEDUCED: SchemaType = { kind: 'deduced' };
const DEDUCED_MAP: MapType = { kind: 'map', atomic: false, fields: new Map(), element: DEDUCED };
const DEDUCED_LIST: ListType = { kind: 'list', atomic: true, keys: [], keyDefaults: new Map(), element: DEDUCED };

const cache = new WeakMap<JSONSchemaProps, SchemaType>();

export function schemaType(schema: JSONSchemaProps | undefined): SchemaType {
  if (!schema) return DEDUCED;
  const hit = cache.get(schema);
  if (hit) return hit;
  const t = convert(schema);
  cache.set(schema, t);
  return t;
}

const rootCache = new WeakMap<JSONSchemaProps, MapType>();
let rootWithoutSchema: MapType | undefined;

/**
 * The type of a whole object: the kind's schema with `metadata` replaced by ObjectMeta (CRD schemas
 * only say `type: object` there), and apiVersion/kind as scalars.
 */
export function rootType(schema: JSONSchemaProps | undefined): MapType {
  if (!schema) return (rootWithoutSchema ??= buildRoot(undefined));
  let t = rootCache.get(schema);
  if (!t) {
    t = buildRoot(schema);
    rootCache.set(schema, t);
  }
  return t;
}

function buildRoot(schema: JSONSchemaProps | undefined): MapType {
  const base = schema ? schemaType(schema) : DEDUCED;
  const fields = new Map<string, SchemaType>(base.kind === 'map' ? base.fields : []);
  fields.set('apiVersion', SCALAR);
  fields.set('kind', SCALAR);
  fields.set('metadata', schemaType(OBJECT_META_SCHEMA));
  const element = base.kind === 'map' ? base.element : DEDUCED;
  return { kind: 'map', atomic: false, fields, element };
}

function convert(s: JSONSchemaProps): SchemaType {
  if (s['x-kubernetes-int-or-string']) return SCALAR;
  const isList = s.type === 'array' || (s.type === undefined && s.items !== undefined);
  if (isList) return convertList(s);
  const isMap =
    s.type === 'object' ||
    (s.type === undefined && (s.properties !== undefined || s.additionalProperties !== undefined));
  if (isMap) return convertMap(s);
  if (s.type !== undefined) return SCALAR;
  return DEDUCED;
}

function convertList(s: JSONSchemaProps): ListType {
  const element = s.items ? schemaType(s.items) : DEDUCED;
  const listType = s['x-kubernetes-list-type'];
  let atomic = true;
  let keys: readonly string[] = [];
  if (listType === 'map') {
    keys = s['x-kubernetes-list-map-keys'] ?? [];
    atomic = keys.length === 0;
  } else if (listType === 'set') {
    atomic = false;
  } else if (listType === undefined && (s['x-kubernetes-patch-strategy'] ?? '').split(',').includes('merge')) {
    // Built-in kinds only carry strategic-merge tags; upstream reads them as list-type map/set.
    const mergeKey = s['x-kubernetes-patch-merge-key'];
    keys = mergeKey ? [mergeKey] : [];
    atomic = false;
  }
  const keyDefaults = new Map<string, unknown>();
  for (const k of keys) {
    const d = s.items?.properties?.[k]?.default;
    if (d !== undefined) keyDefaults.set(k, d);
  }
  return { kind: 'list', atomic, keys, keyDefaults, element };
}

function convertMap(s: JSONSchemaProps): MapType {
  const fields = new Map<string, SchemaType>();
  for (const [name, prop] of Object.entries(s.properties ?? {})) fields.set(name, schemaType(prop));
  let element: SchemaType | undefined;
  if (typeof s.additionalProperties === 'object') element = schemaType(s.additionalProperties);
  else if (s.additionalProperties === true || s['x-kubernetes-preserve-unknown-fields']) element = DEDUCED;
  return { kind: 'map', atomic: s['x-kubernetes-map-type'] === 'atomic', fields, element };
}

/** The type of a map entry: its declared field type, else the element type, else deduced. */
export function entryType(map: MapType, key: string): SchemaType {
  return map.fields.get(key) ?? map.element ?? DEDUCED;
}

/** How a value is walked under a type. A shape mismatch (schema says list, value is a string) is a leaf. */
export type Shape = { readonly shape: 'leaf' } | { readonly shape: 'list'; readonly type: ListType } | { readonly shape: 'map'; readonly type: MapType };

const LEAF: Shape = { shape: 'leaf' };

export function shapeOf(type: SchemaType, value: unknown): Shape {
  switch (type.kind) {
    case 'scalar':
      return LEAF;
    case 'deduced':
      if (Array.isArray(value)) return { shape: 'list', type: DEDUCED_LIST };
      if (isObject(value)) return { shape: 'map', type: DEDUCED_MAP };
      return LEAF;
    case 'list':
      return Array.isArray(value) || value === null ? { shape: 'list', type } : LEAF;
    case 'map':
      return isObject(value) || value === null ? { shape: 'map', type } : LEAF;
  }
}

/** The shape for comparing or merging two values; `undefined` means absent. Disagreeing shapes make a leaf. */
export function pairShape(type: SchemaType, lhs: unknown, rhs: unknown): Shape {
  if (lhs === undefined) return shapeOf(type, rhs);
  if (rhs === undefined) return shapeOf(type, lhs);
  const a = shapeOf(type, lhs);
  const b = shapeOf(type, rhs);
  return a.shape === b.shape ? b : LEAF;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for null, [] and {}: containers both empty are compared and merged as leaves. */
export function isEmptyContainer(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return false;
}
