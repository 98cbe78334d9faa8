// The FieldsV1 wire format of a FieldSet: nested JSON objects keyed by serialized path elements,
// where `{}` marks a member path and a `".": {}` entry marks a node that is a member and also has
// members below it. Key order follows upstream's serializer (".", then elements in set order).

import { isPlainObject } from '../object.js';
import { FieldSet } from './fieldset.js';
import { parsePathElement, PathElementSyntaxError, serializePathElement } from './path-element.js';

export class FieldsV1Error extends Error {}

export function fieldSetToFieldsV1(set: FieldSet): Record<string, unknown> {
  return emit(set, false);
}

function emit(set: FieldSet, includeSelf: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = set.entries();
  if (includeSelf && entries.length > 0) out['.'] = {};
  for (const e of entries) out[e.key] = e.child ? emit(e.child, e.member) : {};
  return out;
}

/** Parses FieldsV1 (as stored in managedFields[].fieldsV1). Throws FieldsV1Error on malformed input. */
export function fieldSetFromFieldsV1(fieldsV1: unknown): FieldSet {
  const set = new FieldSet();
  if (fieldsV1 === undefined || fieldsV1 === null) return set;
  if (!isPlainObject(fieldsV1)) throw new FieldsV1Error('fieldsV1 must be a JSON object');
  read(fieldsV1, set);
  return set;
}

/**
 * Reads the entries of one FieldsV1 node into `node` (the set's node at the same place), building the
 * trie directly; returns whether the FieldsV1 node itself is a member.
 */
function read(fields: Record<string, unknown>, node: FieldSet): boolean {
  let self = false;
  let hasChildren = false;
  for (const key in fields) {
    const value = fields[key];
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
    // Field keys are canonical as written; others (JSON inside) are normalized so equal elements meet.
    const canonical = key.startsWith('f:') ? key : serializePathElement(pe);
    let member: boolean;
    if (hasElements(value)) {
      const child = node.childFor(canonical, pe);
      member = read(value, child);
    } else member = true;
    if (member) node.addMember(canonical, pe);
  }
  return self || !hasChildren;
}

/** Whether a FieldsV1 node has anything below it besides its own "." marker. */
function hasElements(value: Record<string, unknown>): boolean {
  for (const key in value) if (key !== '.') return true;
  return false;
}
