// The JSON shape of metav1.ObjectMeta: which fields exist (for pruning embedded metadata) and their Go
// types (for the decode error a malformed field produces).

import { isPlainObject, shallowCopyWithout } from '../object.js';
import { goNumber } from './go-format.js';

type GoType = 'string' | 'int64' | 'bool' | 'time' | 'stringMap' | 'stringList' | 'object' | { list: Record<string, GoType>; goName: string };

export const OWNER_REFERENCE_FIELDS: Record<string, GoType> = {
  apiVersion: 'string',
  kind: 'string',
  name: 'string',
  uid: 'string',
  controller: 'bool',
  blockOwnerDeletion: 'bool',
};

export const MANAGED_FIELDS_ENTRY_FIELDS: Record<string, GoType> = {
  manager: 'string',
  operation: 'string',
  apiVersion: 'string',
  time: 'time',
  fieldsType: 'string',
  fieldsV1: 'object',
  subresource: 'string',
};

export const OBJECT_META_FIELDS: Record<string, GoType> = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  selfLink: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'int64',
  creationTimestamp: 'time',
  deletionTimestamp: 'time',
  deletionGracePeriodSeconds: 'int64',
  labels: 'stringMap',
  annotations: 'stringMap',
  ownerReferences: { list: OWNER_REFERENCE_FIELDS, goName: 'v1.OwnerReference' },
  finalizers: 'stringList',
  managedFields: { list: MANAGED_FIELDS_ENTRY_FIELDS, goName: 'v1.ManagedFieldsEntry' },
};

export function isObjectMetaField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(OBJECT_META_FIELDS, name);
}

/**
 * Drops the fields metav1.ObjectMeta does not have from `meta` (in place), as decoding into it does, and
 * returns their names — for Strict field validation to refuse and Warn to report.
 */
export function dropUnknownObjectMetaFields(meta: unknown): string[] {
  if (!isPlainObject(meta)) return [];
  const unknown = Object.keys(meta).filter((key) => !isObjectMetaField(key));
  for (const key of unknown) delete meta[key];
  for (const [list, fields] of [['ownerReferences', OWNER_REFERENCE_FIELDS], ['managedFields', MANAGED_FIELDS_ENTRY_FIELDS]] as const) {
    const items = meta[list];
    if (!Array.isArray(items)) continue;
    // The list's items may be shared with a stored version: a changed item is replaced by a copy.
    meta[list] = items.map((item: unknown, index) => {
      if (!isPlainObject(item)) return item;
      const extra = Object.keys(item).filter((key) => !Object.prototype.hasOwnProperty.call(fields, key));
      for (const key of extra.sort()) unknown.push(`${list}[${index}].${key}`);
      return extra.length ? shallowCopyWithout(item, extra) : item;
    });
  }
  return unknown.sort();
}

function jsonKind(v: unknown): string {
  if (typeof v === 'number') return `number ${goNumber(v)}`;
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? 'array' : 'object';
}

function typeError(v: unknown, field: string, goType: string): string {
  const kind = typeof v === 'number' ? 'number' : jsonKind(v);
  return `json: cannot unmarshal ${kind} into Go struct field ObjectMeta.${field} of type ${goType}`;
}

function checkScalar(v: unknown, type: GoType, field: string): string | undefined {
  if (v === null) return undefined;
  switch (type) {
    case 'string':
    case 'time':
      return typeof v === 'string' ? undefined : typeError(v, field, 'string');
    case 'bool':
      return typeof v === 'boolean' ? undefined : typeError(v, field, 'bool');
    case 'int64':
      if (typeof v === 'number' && Number.isInteger(v)) return undefined;
      if (typeof v === 'number') return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ObjectMeta.${field} of type int64`;
      return typeError(v, field, 'int64');
    case 'object':
      return undefined;
    case 'stringMap':
      if (!isPlainObject(v)) return typeError(v, field, 'map[string]string');
      for (const item of Object.values(v)) if (item !== null && typeof item !== 'string') return typeError(item, field, 'string');
      return undefined;
    case 'stringList':
      if (!Array.isArray(v)) return typeError(v, field, '[]string');
      for (const item of v) if (item !== null && typeof item !== 'string') return typeError(item, field, 'string');
      return undefined;
    default: {
      if (!Array.isArray(v)) return typeError(v, field, `[]${type.goName}`);
      for (const item of v) {
        if (item === null) continue;
        if (!isPlainObject(item)) return typeError(item, field, type.goName);
        for (const [k, sub] of Object.entries(item)) {
          const subType = type.list[k];
          if (subType === undefined || !Object.prototype.hasOwnProperty.call(type.list, k)) continue;
          const err = checkScalar(sub, subType, `${field}.${k}`);
          if (err) return err;
        }
      }
      return undefined;
    }
  }
}

/** The error decoding this JSON into metav1.ObjectMeta would give, or undefined when it decodes. */
export function objectMetaDecodeError(meta: unknown): string | undefined {
  if (meta === null || meta === undefined) return undefined;
  if (!isPlainObject(meta)) return `json: cannot unmarshal ${jsonKind(meta).split(' ')[0]} into Go value of type v1.ObjectMeta`;
  for (const [k, v] of Object.entries(meta)) {
    if (!isObjectMetaField(k)) continue;
    const err = checkScalar(v, OBJECT_META_FIELDS[k] as GoType, k);
    if (err) return err;
  }
  return undefined;
}
