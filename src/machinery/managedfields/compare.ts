// What changed between two versions of an object (structured-merge-diff's Compare): leaves whose
// value differs are Modified; paths only in the new object are Added and only in the old Removed.
// Unlike a field set, Added and Removed also hold the containers (maps, list items) that appeared or
// disappeared, which is why Update entries carry `".": {}` markers.

import { deepEqual } from '../deep.js';
import { isPlainObject } from '../object.js';
import { FieldSet } from './fieldset.js';
import { indexListItems, type IndexedItem } from './list-items.js';
import { fieldElement, type FieldPath } from './path-element.js';
import { entryType, isEmptyContainer, pairShape, type ListType, type MapType, type SchemaType } from './schema-type.js';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

export function compareObjects(lhs: unknown, rhs: unknown, type: SchemaType): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compare(lhs, rhs, type, [], c);
  return c;
}

export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

/** `undefined` stands for "absent" on either side. */
function compare(lhs: unknown, rhs: unknown, type: SchemaType, path: FieldPath, c: Comparison): void {
  // Versions share unchanged subtrees (a status write keeps the stored spec): nothing differs inside.
  if (lhs === rhs && lhs !== undefined) return;
  const s = pairShape(type, lhs, rhs);
  const leaf = s.shape === 'leaf' || s.type.atomic || (isEmptyContainer(lhs) && isEmptyContainer(rhs));
  if (leaf) {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
    else if (!deepEqual(lhs, rhs)) c.modified.insert(path);
    return;
  }
  if (s.shape === 'list') compareLists(asList(lhs), asList(rhs), s.type as ListType, path, c);
  else compareMaps(asMap(lhs), asMap(rhs), s.type as MapType, path, c);
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
}

function compareMaps(
  lhs: Record<string, unknown>,
  rhs: Record<string, unknown>,
  type: MapType,
  path: FieldPath,
  c: Comparison,
): void {
  const keys = new Set([...Object.keys(lhs), ...Object.keys(rhs)]);
  for (const k of keys) {
    const l = lhs[k];
    const r = rhs[k];
    if (l === undefined && r === undefined) continue;
    compare(l, r, entryType(type, k), [...path, fieldElement(k)], c);
  }
}

function compareLists(lhs: readonly unknown[], rhs: readonly unknown[], type: ListType, path: FieldPath, c: Comparison): void {
  const groups = new Map<string, { pe: IndexedItem['pe']; l: unknown[]; r: unknown[] }>();
  const add = (items: IndexedItem[], side: 'l' | 'r') => {
    for (const it of items) {
      let g = groups.get(it.key);
      if (!g) groups.set(it.key, (g = { pe: it.pe, l: [], r: [] }));
      g[side].push(it.value);
    }
  };
  add(indexListItems(type, lhs, path, true), 'l');
  add(indexListItems(type, rhs, path, true), 'r');
  for (const g of groups.values()) {
    const itemPath = [...path, g.pe];
    if (g.l.length <= 1 && g.r.length <= 1) {
      compare(g.l[0], g.r[0], type.element, itemPath, c);
    } else if (g.l.length >= 2 && g.r.length >= 2) {
      // Duplicated keys on both sides: the group is compared as a whole.
      if (!deepEqual(g.l, g.r)) c.modified.insert(itemPath);
    } else if (g.l.length >= 2) {
      if (g.r.length === 1) compare(undefined, g.r[0], type.element, itemPath, c);
      c.removed.insert(itemPath);
    } else {
      if (g.l.length === 1) compare(g.l[0], undefined, type.element, itemPath, c);
      c.added.insert(itemPath);
    }
  }
}

const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const asMap = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
