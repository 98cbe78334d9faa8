// RFC 7386 JSON merge patch: objects merge key by key, null deletes, anything else replaces.

// Copies are made with deepClone, not structuredClone: structuredClone's serializer costs microseconds
// per call even for a string, and a patch copies every member it leaves untouched.
import { deepClone } from './deep.js';
import { isPlainObject, ownValue, setOwnProperty, shallowCopy } from './object.js';

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Applies `patch` to `target` and returns the result; neither input is modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return deepClone(patch);
  // Copied key by key: the patch adds keys to it (see shallowCopy).
  const result: Record<string, unknown> = isPlainObject(target) ? shallowCopy(target) : {};
  // Members are read and written as own properties: a key may be 'constructor' or '__proto__'.
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwnProperty(result, key, applyMergePatch(ownValue(result, key), value));
  }
  // Untouched members were shared by the shallow copy; clone them so the result is independent.
  for (const key of Object.keys(result)) if (!Object.hasOwn(patch, key)) setOwnProperty(result, key, deepClone(result[key]));
  return result;
}

/** The merge patch that turns `original` into `modified` ({} when they are equal). */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (!isPlainObject(original) || !isPlainObject(modified)) return deepClone(modified);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) setOwnProperty(patch, key, null);
  for (const [key, value] of Object.entries(modified)) {
    if (!Object.hasOwn(original, key)) {
      setOwnProperty(patch, key, deepClone(value));
    } else if (isPlainObject(original[key]) && isPlainObject(value)) {
      const nested = createMergePatch(original[key], value) as Record<string, unknown>;
      if (Object.keys(nested).length > 0) setOwnProperty(patch, key, nested);
    } else if (!jsonEqual(original[key], value)) {
      setOwnProperty(patch, key, deepClone(value));
    }
  }
  return patch;
}
