// What changed between two versions of an object (structured-merge-diff's Compare): leaves whose
// value differs are Modified; paths only in the new object are Added and only in the old Removed.
// Unlike a field set, Added and Removed also hold the containers (maps, list items) that appeared or
// disappeared, which is why Update entries carry `".": {}` markers.

import { deepEqual } from '../deep.js';
import { isPlainObject } from '../object.js';
import { FieldSet } from './fieldset.js';
import { indexListItems, type IndexedItem } from './list-items.js';
import { fieldElement, fieldKey, type FieldPath, type PathElement } from './path-element.js';
import { entryType, isEmptyContainer, pairShape, type ListType, type MapType, type SchemaType } from './schema-type.js';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

export function compareObjects(lhs: unknown, rhs: unknown, type: SchemaType): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compare(lhs, rhs, type, { up: undefined, key: '', pe: undefined }, c);
  return c;
}

export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

type Outcome = keyof Comparison;

/**
 * Where a compared value sits: its element in the container above and its node in each result set,
 * made when the first path below it is marked. Paths are built only for error messages.
 */
interface Place {
  readonly up: Place | undefined;
  readonly key: string;
  readonly pe: PathElement | undefined;
  added?: FieldSet;
  modified?: FieldSet;
  removed?: FieldSet;
}

function nodeIn(place: Place, outcome: Outcome, c: Comparison): FieldSet {
  return (place[outcome] ??= place.up ? nodeIn(place.up, outcome, c).childFor(place.key, place.pe!) : c[outcome]);
}

/** Marks the value at `place` (never the root: the whole object is not a field). */
function mark(place: Place, outcome: Outcome, c: Comparison): void {
  if (place.up) nodeIn(place.up, outcome, c).addMember(place.key, place.pe!);
}

function pathTo(place: Place): FieldPath {
  const path: PathElement[] = [];
  for (let p: Place | undefined = place; p?.pe; p = p.up) path.push(p.pe);
  return path.reverse();
}

/** `undefined` stands for "absent" on either side. */
function compare(lhs: unknown, rhs: unknown, type: SchemaType, place: Place, c: Comparison): void {
  // Versions share unchanged subtrees (a status write keeps the stored spec): nothing differs inside.
  if (lhs === rhs && lhs !== undefined) return;
  const s = pairShape(type, lhs, rhs);
  const leaf = s.shape === 'leaf' || s.type.atomic || (isEmptyContainer(lhs) && isEmptyContainer(rhs));
  if (leaf) {
    if (lhs === undefined) mark(place, 'added', c);
    else if (rhs === undefined) mark(place, 'removed', c);
    else if (!deepEqual(lhs, rhs)) mark(place, 'modified', c);
    return;
  }
  if (s.shape === 'list') compareLists(asList(lhs), asList(rhs), s.type as ListType, place, c);
  else compareMaps(asMap(lhs), asMap(rhs), s.type as MapType, place, c);
  if (lhs === undefined) mark(place, 'added', c);
  else if (rhs === undefined) mark(place, 'removed', c);
}

function compareMaps(lhs: Record<string, unknown>, rhs: Record<string, unknown>, type: MapType, place: Place, c: Comparison): void {
  const names = new Set([...Object.keys(lhs), ...Object.keys(rhs)]);
  for (const k of names) {
    const l = lhs[k];
    const r = rhs[k];
    // Absent on both sides, or the very same subtree: nothing to compare.
    if (l === r) continue;
    compare(l, r, entryType(type, k), { up: place, key: fieldKey(k), pe: fieldElement(k) }, c);
  }
}

function compareLists(lhs: readonly unknown[], rhs: readonly unknown[], type: ListType, place: Place, c: Comparison): void {
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
    const item: Place = { up: place, key, pe: g.pe };
    if (g.l.length <= 1 && g.r.length <= 1) {
      compare(g.l[0], g.r[0], type.element, item, c);
    } else if (g.l.length >= 2 && g.r.length >= 2) {
      // Duplicated keys on both sides: the group is compared as a whole.
      if (!deepEqual(g.l, g.r)) mark(item, 'modified', c);
    } else if (g.l.length >= 2) {
      if (g.r.length === 1) compare(undefined, g.r[0], type.element, item, c);
      mark(item, 'removed', c);
    } else {
      if (g.l.length === 1) compare(g.l[0], undefined, type.element, item, c);
      mark(item, 'added', c);
    }
  }
}

const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const asMap = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
