// Per-schema facts derived once and cached on the schema object: declared types, the effective format,
// a Map of properties (safe for any key, e.g. "__proto__"), and which x-kubernetes features a subtree
// uses so whole walks can be skipped.

import { QUANTITY_PATTERN } from '../quantity.js';
import { effectiveFormat, stringFormatCheck } from './formats.js';
import type { JSONSchemaProps } from './types.js';

export interface SchemaInfo {
  /** Declared types; int-or-string declares integer and string. */
  types: readonly string[];
  typeLabel: string;
  format: string;
  formatCheck: ((s: string) => boolean) | undefined;
  properties: ReadonlyMap<string, JSONSchemaProps> | undefined;
  /** The properties that declare a default other than null (most declare none). */
  defaulted: readonly (readonly [string, JSONSchemaProps])[];
  /** additionalProperties as upstream's structural schema sees it: a schema, true/false, or absent. */
  additional: JSONSchemaProps | boolean | undefined;
  nullable: boolean;
  /** Non-empty enum, else undefined. */
  enum: readonly unknown[] | undefined;
  /** Non-empty required list, else undefined. */
  required: readonly string[] | undefined;
  hasJunctors: boolean;
  checksString: boolean;
  checksNumber: boolean;
  checksObjectSize: boolean;
  /** HAS_* flags of the subtree; -1 until computed. */
  features: number;
}

// Cached on the schema under a non-enumerable symbol (invisible to JSON, Object.keys and equality);
// frozen schemas fall back to a WeakMap.
const INFO = Symbol('schemaInfo');
const frozenInfos = new WeakMap<JSONSchemaProps, SchemaInfo>();

type WithInfo = JSONSchemaProps & { [INFO]?: SchemaInfo };

export function infoOf(schema: JSONSchemaProps): SchemaInfo {
  let info = (schema as WithInfo)[INFO] ?? frozenInfos.get(schema);
  if (info) return info;
  const types = schema['x-kubernetes-int-or-string'] ? ['integer', 'string'] : schema.type ? [schema.type] : [];
  const format = effectiveFormat(schema);
  const props = schema.properties;
  const ap = schema.additionalProperties;
  info = {
    types,
    typeLabel: types.join(','),
    format,
    formatCheck: stringFormatCheck(format),
    properties: props ? new Map(Object.entries(props)) : undefined,
    defaulted: props ? Object.entries(props).filter(([, prop]) => prop.default !== undefined && prop.default !== null) : [],
    additional: ap === undefined || ap === null ? undefined : ap,
    nullable: schema.nullable === true,
    enum: schema.enum && schema.enum.length > 0 ? schema.enum : undefined,
    required: schema.required && schema.required.length > 0 ? schema.required : undefined,
    hasJunctors: !!(schema.allOf?.length || schema.anyOf?.length || schema.oneOf?.length || schema.not),
    checksString: schema.maxLength !== undefined || schema.minLength !== undefined || !!schema.pattern || format !== '',
    checksNumber: schema.multipleOf !== undefined || schema.minimum !== undefined || schema.maximum !== undefined,
    checksObjectSize: schema.minProperties !== undefined || schema.maxProperties !== undefined,
    features: -1,
  };
  if (Object.isExtensible(schema)) Object.defineProperty(schema, INFO, { value: info });
  else frozenInfos.set(schema, info);
  return info;
}

/** The schema for a key of an object: its property, else the additionalProperties schema. */
export function fieldSchema(info: SchemaInfo, key: string): JSONSchemaProps | undefined {
  const prop = info.properties?.get(key);
  if (prop) return prop;
  return typeof info.additional === 'object' ? info.additional : undefined;
}

export const HAS_EMBEDDED = 1;
export const HAS_SET_OR_MAP_LIST = 2;
/** A `default` other than null. */
export const HAS_DEFAULT = 4;
/** A resource quantity as built-in schemas declare it (int-or-string with the quantity pattern). */
export const HAS_QUANTITY = 8;

export function isQuantitySchema(schema: JSONSchemaProps): boolean {
  return schema['x-kubernetes-int-or-string'] === true && schema.pattern === QUANTITY_PATTERN;
}

/** Which of HAS_* appear anywhere in the structural part of the schema (properties, items, additionalProperties). */
export function treeFeatures(schema: JSONSchemaProps): number {
  const info = infoOf(schema);
  if (info.features >= 0) return info.features;
  info.features = 0; // guards against cycles in hand-built schemas
  let flags = 0;
  if (schema['x-kubernetes-embedded-resource']) flags |= HAS_EMBEDDED;
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set' || listType === 'map') flags |= HAS_SET_OR_MAP_LIST;
  if (schema.default !== undefined && schema.default !== null) flags |= HAS_DEFAULT;
  if (isQuantitySchema(schema)) flags |= HAS_QUANTITY;
  if (schema.items) flags |= treeFeatures(schema.items);
  if (typeof info.additional === 'object') flags |= treeFeatures(info.additional);
  if (info.properties) for (const prop of info.properties.values()) flags |= treeFeatures(prop);
  info.features = flags;
  return flags;
}
