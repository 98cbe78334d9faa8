// The shapes every layer shares: a Kubernetes object and its metadata.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: ManagedFieldsEntry[];
  [extra: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NO_KEYS: readonly string[] = [];

/**
 * A shallow copy of `source` to add keys to. V8 gives the copy a spread makes (`{ ...x }`) a map outside
 * its transition tree, so every key added to it afterwards builds a new map: about 1.5 µs a key, against
 * 0.1 µs for the whole copy made key by key. A key `__proto__` (JSON.parse makes it an own property)
 * stays an own property rather than becoming the copy's prototype.
 */
export function shallowCopy<T extends object>(source: T): T {
  return shallowCopyWithout(source, NO_KEYS);
}

/**
 * Sets an own, enumerable property. A key `__proto__` (which JSON.parse makes an ordinary member) is
 * defined rather than assigned: assigning it would set the object's prototype instead.
 */
export function setOwnProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The object's own member `key`, or undefined: never what its prototype answers ('constructor', 'toString'). */
export function ownValue<T>(source: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

/** A shallow copy of `source` without the given keys (rather than a copy with keys deleted, which V8 makes slow). */
export function shallowCopyWithout<T extends object>(source: T, omit: readonly string[]): T {
  const copy: Record<string, unknown> = {};
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key) || omit.includes(key)) continue;
    setOwnProperty(copy, key, (source as Record<string, unknown>)[key]);
  }
  return copy as T;
}

/** The object with this status, as a key-by-key copy (the status is often new to it: see shallowCopy). */
export function withStatus(object: KubeObject, status: unknown): KubeObject {
  const next = shallowCopy(object);
  next.status = status;
  return next;
}
