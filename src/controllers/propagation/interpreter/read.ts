// Typed reads of untyped objects. A field of the wrong type makes the object malformed, the way decoding
// it into the typed API struct would fail; a missing field reads as the type's zero value.

import { isPlainObject } from '../../../machinery/object.js';
import type { Status } from './types.js';

export class Malformed extends Error {}

function fail(key: string, want: string): never {
  throw new Malformed(`${key}: expected ${want}`);
}

export function objectAt(obj: Status, key: string): Status {
  const v = obj[key];
  if (v === undefined || v === null) return {};
  return isPlainObject(v) ? v : fail(key, 'an object');
}

export function intAt(obj: Status, key: string): number {
  const v = obj[key];
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' && Number.isInteger(v) ? v : fail(key, 'an integer');
}

/** An integer that may be unset (a Go pointer field such as spec.replicas). */
export function optionalIntAt(obj: Status, key: string): number | undefined {
  return obj[key] === undefined || obj[key] === null ? undefined : intAt(obj, key);
}

export function stringAt(obj: Status, key: string): string {
  const v = obj[key];
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : fail(key, 'a string');
}

export function listAt(obj: Status, key: string): unknown[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : fail(key, 'a list');
}

export function objectListAt(obj: Status, key: string): Status[] {
  return listAt(obj, key).map((item) => (isPlainObject(item) ? item : fail(key, 'a list of objects')));
}

/** The object's status, or undefined when it has none. */
export function statusOf(obj: Status): Status | undefined {
  return obj.status === undefined || obj.status === null ? undefined : objectAt(obj, 'status');
}

export function generationOf(obj: Status): number {
  return intAt(objectAt(obj, 'metadata'), 'generation');
}
