// What changed between two versions of an object (structured-merge-diff's Compare): leaves whose
// value differs are Modified; paths only in the new object are Added and only in the old Removed.
// Unlike a field set, Added and Removed also hold the containers (maps, list items) that appeared or
// disappeared, which is why Update entries carry `".": {}` markers.

import { deepEqual } from '../deep.js';
import { isPlainObject, ownValue } from '../object.js';
import { FieldSet } from './fieldset.js';
import { indexListItems, type IndexedItem } from './list-items.js';
import { mark, pathTo, placeBelow, rootPlace, type FieldPlace } from './field-place.js';
import { fieldElement, fieldKey } from './path-element.js';
import { entryType, isEmptyContainer, pairShape, type ListType, type MapType, type SchemaType } from './schema-type.js';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

export function compareObjects(lhs: unknown, rhs: unknown, type: SchemaType): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compare(lhs, rhs, type, rootPlace(c.added, c.modified, c.removed));
  return c;
}

export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

/** Each outcome's set, by its index among the root place's nodes. */
const ADDED = 0;
const MODIFIED = 1;
const REMOVED = 2;

/** `undefined` stands for "absent" on either side. */
function compare(lhs: unknown, rhs: unknown, type: SchemaType, place: FieldPlace): void {
  // Versions share unchanged subtrees (a status write keeps the stored spec): nothing differs inside.
  if (lhs === rhs && lhs !== undefined) return;
  const s = pairShape(type, lhs, rhs);
  const leaf = s.shape === 'leaf' || s.type.atomic || (isEmptyContainer(lhs) && isEmptyContainer(rhs));
  if (leaf) {
    if (lhs === undefined) mark(place, ADDED);
    else if (rhs === undefined) mark(place, REMOVED);
    else if (!deepEqual(lhs, rhs)) mark(place, MODIFIED);
    return;
  }
  if (s.shape === 'list') compareLists(asList(lhs), asList(rhs), s.type as ListType, place);
  else compareMaps(asMap(lhs), asMap(rhs), s.type as MapType, place);
  if (lhs === undefined) mark(place, ADDED);
  else if (rhs === undefined) mark(place, REMOVED);
}

function compareMaps(lhs: Record<string, unknown>, rhs: Record<string, unknown>, type: MapType, place: FieldPlace): void {
  const names = new Set([...Object.keys(lhs), ...Object.keys(rhs)]);
  for (const k of names) {
    const l = ownValue(lhs, k);
    const r = ownValue(rhs, k);
    // Absent on both sides, or the very same subtree: nothing to compare.
    if (l === r) continue;
    compare(l, r, entryType(type, k), placeBelow(place, fieldKey(k), fieldElement(k)));
  }
}

function compareLists(lhs: readonly unknown[], rhs: readonly unknown[], type: ListType, place: FieldPlace): void {
  const groups = new Map<string, { pe: IndexedItem['pe']; l: unknown[]; r: unknown[] }>();
  const add = (items: IndexedItem[], side: 'l' | 'r') => {
    for (const it of items) {
      let g = groups.get(it.key);
      if (!g) groups.set(it.key, (g = { pe: it.pe, l: [], r: [] }));
      g[side].push(it.value);
    }
  };
  const at = () => pathTo(place);
  add(indexListItems(type, lhs, at, true), 'l');
  add(indexListItems(type, rhs, at, true), 'r');
  for (const [key, g] of groups) {
    const item = placeBelow(place, key, g.pe);
    if (g.l.length <= 1 && g.r.length <= 1) {
      compare(g.l[0], g.r[0], type.element, item);
    } else if (g.l.length >= 2 && g.r.length >= 2) {
      // Duplicated keys on both sides: the group is compared as a whole.
      if (!deepEqual(g.l, g.r)) mark(item, MODIFIED);
    } else if (g.l.length >= 2) {
      if (g.r.length === 1) compare(undefined, g.r[0], type.element, item);
      mark(item, REMOVED);
    } else {
      if (g.l.length === 1) compare(g.l[0], undefined, type.element, item);
      mark(item, ADDED);
    }
  }
}

const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const asMap = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
