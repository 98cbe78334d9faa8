// The FieldsV1 wire format of a FieldSet: nested JSON objects keyed by serialized path elements,
// where `{}` marks a member path and a `".": {}` entry marks a node that is a member and also has
// members below it. Key order follows upstream's serializer (".", then elements in set order).

import { isPlainObject } from '../object.js';
import { FieldSet } from './fieldset.js';
import { parsePathElement, PathElementSyntaxError, serializePathElement, type PathElement } from './path-element.js';

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

/** Parses FieldsV1 (as sent in managedFields[].fieldsV1). Throws FieldsV1Error on malformed input. */
export function fieldSetFromFieldsV1(fieldsV1: unknown): FieldSet {
  const set = fieldSetFromStoredFieldsV1(fieldsV1);
  // Looking at every node reads it: anything malformed is found now, not when the set is used.
  set.size();
  return set;
}

/**
 * A stored object's FieldsV1 (canonical: written by fieldSetToFieldsV1) as a set read node by node as it
 * is used (FieldSet.deferred): an update looks only at the nodes its change reaches. A malformed node
 * throws FieldsV1Error when it is first looked at.
 */
export function fieldSetFromStoredFieldsV1(fieldsV1: unknown): FieldSet {
  if (fieldsV1 === undefined || fieldsV1 === null) return new FieldSet();
  if (!isPlainObject(fieldsV1)) throw new FieldsV1Error('fieldsV1 must be a JSON object');
  return FieldSet.deferred((node) => readLevel(fieldsV1, node));
}

/**
 * Reads the entries of one FieldsV1 node into `node` (the set's node at the same place), building the
 * trie directly; the nodes below are deferred in turn.
 */
function readLevel(fields: Record<string, unknown>, node: FieldSet): void {
  for (const key in fields) {
    const value = objectAt(fields, key);
    if (key === '.') continue;
    const element = elementOf(key);
    if (element === undefined) continue;
    if (hasElements(value)) {
      node.addChild(element.canonical, element.pe, FieldSet.deferred((child) => readLevel(value, child)));
      if (isMemberNode(value)) node.addMember(element.canonical, element.pe);
    } else node.addMember(element.canonical, element.pe);
  }
}

/**
 * Whether the node `fields` is itself a member, without reading it: marked with ".", or no element
 * inside. Keys are judged by their type prefix alone; a malformed one is reported when the node is read.
 */
function isMemberNode(fields: Record<string, unknown>): boolean {
  if (fields['.'] !== undefined) return true;
  for (const key in fields) if (!UNKNOWN_ELEMENT_TYPE.test(key)) return false;
  return true;
}

/** A well-formed key of an element type from a newer version (parsePathElement gives undefined). */
const UNKNOWN_ELEMENT_TYPE = /^[^fvki]:/;

function objectAt(fields: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = fields[key];
  if (!isPlainObject(value)) throw new FieldsV1Error(`value of ${JSON.stringify(key)} must be a JSON object`);
  return value;
}

/** A key's path element and the key it is stored under; undefined for an element type from a newer version (dropped, as upstream does). */
function elementOf(key: string): { pe: PathElement; canonical: string } | undefined {
  let pe: PathElement | undefined;
  try {
    pe = parsePathElement(key);
  } catch (err) {
    if (err instanceof PathElementSyntaxError) throw new FieldsV1Error(`parsing key as path element: ${err.message}`);
    throw err;
  }
  if (pe === undefined) return undefined;
  // Field keys are canonical as written; others (JSON inside) are normalized so equal elements meet.
  return { pe, canonical: key.startsWith('f:') ? key : serializePathElement(pe) };
}

/**
 * Whether every path of a stored FieldsV1 is in `set`, judged on the keys as written, without reading
 * them into path elements. Stored keys are canonical; one that is not only makes the answer false.
 */
export function storedFieldsV1Within(fields: Record<string, unknown>, set: FieldSet): boolean {
  for (const key in fields) {
    if (key === '.') continue;
    const value = fields[key];
    if (!isPlainObject(value)) return false;
    if (!hasElements(value)) {
      if (!set.hasMemberKeyed(key)) return false;
      continue;
    }
    const below = set.childKeyed(key);
    if (!below || !storedFieldsV1Within(value, below)) return false;
    if (isMemberNode(value) && !set.hasMemberKeyed(key)) return false;
  }
  return true;
}

/** The number of paths a stored FieldsV1 names, counted on its keys as written. */
export function storedFieldsV1Size(fields: Record<string, unknown>): number {
  let n = 0;
  for (const key in fields) {
    if (key === '.') continue;
    const value = fields[key];
    if (!isPlainObject(value) || !hasElements(value)) n++;
    else n += (isMemberNode(value) ? 1 : 0) + storedFieldsV1Size(value);
  }
  return n;
}

/** Whether a FieldsV1 node has anything below it besides its own "." marker. */
function hasElements(value: Record<string, unknown>): boolean {
  for (const key in value) if (key !== '.') return true;
  return false;
}
