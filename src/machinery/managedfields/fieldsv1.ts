// The FieldsV1 wire format of a FieldSet: nested JSON objects keyed by serialized path elements,
// where `{}` marks a member path and a `".": {}` entry marks a node that is a member and also has
// members below it. Key order follows upstream's serializer (".", then elements in set order).

import { isPlainObject } from '../object.js';
import { FieldSet } from './fieldset.js';
import { parsePathElement, PathElementSyntaxError, serializePathElement, type FieldPath } from './path-element.js';

export class FieldsV1Error extends Error {}

export function fieldSetToFieldsV1(set: FieldSet): Record<string, unknown> {
  return emit(set, false);
}

function emit(set: FieldSet, includeSelf: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = set.entries();
  if (includeSelf && entries.length > 0) out['.'] = {};
  for (const e of entries) {
    out[serializePathElement(e.pe)] = e.child ? emit(e.child, e.member) : {};
  }
  return out;
}

/** Parses FieldsV1 (as stored in managedFields[].fieldsV1). Throws FieldsV1Error on malformed input. */
export function fieldSetFromFieldsV1(fieldsV1: unknown): FieldSet {
  const set = new FieldSet();
  if (fieldsV1 === undefined || fieldsV1 === null) return set;
  if (!isPlainObject(fieldsV1)) throw new FieldsV1Error('fieldsV1 must be a JSON object');
  read(fieldsV1, [], set);
  return set;
}

/** Reads one node into `set` under `prefix`; returns whether the node itself is a member. */
function read(node: Record<string, unknown>, prefix: FieldPath, set: FieldSet): boolean {
  let self = false;
  let hasChildren = false;
  for (const [key, value] of Object.entries(node)) {
    if (!isPlainObject(value)) throw new FieldsV1Error(`value of ${JSON.stringify(key)} must be a JSON object`);
    if (key === '.') {
      self = true;
      continue;
    }
    let pe;
    try {
      pe = parsePathElement(key);
    } catch (err) {
      if (err instanceof PathElementSyntaxError) throw new FieldsV1Error(`parsing key as path element: ${err.message}`);
      throw err;
    }
    if (pe === undefined) continue; // an element type from a newer version: dropped, as upstream does
    hasChildren = true;
    const path = [...prefix, pe];
    if (read(value, path, set)) set.insert(path);
  }
  return self || !hasChildren;
}
