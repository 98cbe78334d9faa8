// Deep equality and copying for JSON values (objects from the API are plain JSON trees).

import { setOwnProperty } from './object.js';

const hasOwn = Object.prototype.hasOwnProperty;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // for-in rather than Object.keys: the same own keys for JSON objects, without an array per object.
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let unmatched = 0;
  for (const k in ao) {
    if (!hasOwn.call(bo, k) || !deepEqual(ao[k], bo[k])) return false;
    unmatched++;
  }
  for (const _ in bo) unmatched--;
  return unmatched === 0;
}

/**
 * A copy of a JSON value. A key `__proto__` (JSON.parse makes it an own property) stays an own property
 * rather than becoming the copy's prototype.
 */
export function deepClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => deepClone(v)) as T;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in source) setOwnProperty(out, k, deepClone(source[k]));
  return out as T;
}

/** Equality of two objects ignoring the given top-level fields (a missing field equals an undefined one). */
export function equalExcept(a: Record<string, unknown>, b: Record<string, unknown>, ignored: ReadonlySet<string>): boolean {
  for (const k in a) if (!ignored.has(k) && !deepEqual(a[k], b[k])) return false;
  for (const k in b) if (!ignored.has(k) && !hasOwn.call(a, k) && b[k] !== undefined) return false;
  return true;
}
