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

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export function isObjectMetaField(name: string): boolean {
  return hasOwn(OBJECT_META_FIELDS, name);
}

/**
 * Drops what metav1.ObjectMeta lacks from `meta` (in place), as decoding into it does: its unknown fields
 * and those of its owner references and managed-fields entries. Returns the dropped fields' paths, each
 * after `prefix`, for Strict field validation to refuse and Warn to report. An entry that loses fields is
 * replaced by a copy in a copy of its list: the list may be shared with a stored version.
 */
export function dropUnknownObjectMetaFields(meta: unknown, prefix = ''): string[] {
  const dropped: string[] = [];
  if (!isPlainObject(meta)) return dropped;
  for (const key of Object.keys(meta)) {
    if (isObjectMetaField(key)) continue;
    dropped.push(prefix + key);
    delete meta[key];
  }
  dropUnknownEntryFields(meta, 'ownerReferences', OWNER_REFERENCE_FIELDS, prefix, dropped);
  dropUnknownEntryFields(meta, 'managedFields', MANAGED_FIELDS_ENTRY_FIELDS, prefix, dropped);
  return dropped;
}

function dropUnknownEntryFields(meta: Record<string, unknown>, list: string, known: Record<string, GoType>, prefix: string, dropped: string[]): void {
  const entries = meta[list];
  if (!Array.isArray(entries)) return;
  let changed: unknown[] | undefined;
  entries.forEach((entry: unknown, index) => {
    if (!isPlainObject(entry)) return;
    const extra = Object.keys(entry).filter((key) => !hasOwn(known, key));
    if (extra.length === 0) return;
    for (const key of extra) dropped.push(`${prefix}${list}[${index}].${key}`);
    (changed ??= entries.slice())[index] = shallowCopyWithout(entry, extra);
  });
  if (changed) meta[list] = changed;
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
      for (const key of Object.keys(v)) {
        const item = v[key];
        if (item !== null && typeof item !== 'string') return typeError(item, field, 'string');
      }
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
        for (const k of Object.keys(item)) {
          const subType = type.list[k];
          if (subType === undefined || !Object.prototype.hasOwnProperty.call(type.list, k)) continue;
          // The field's full name is built only for the error (this runs for every entry of every write).
          if (checkScalar(item[k], subType, k)) return checkScalar(item[k], subType, `${field}.${k}`);
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
  for (const k of Object.keys(meta)) {
    if (!isObjectMetaField(k)) continue;
    const err = checkScalar(meta[k], OBJECT_META_FIELDS[k] as GoType, k);
    if (err) return err;
  }
  return undefined;
}
