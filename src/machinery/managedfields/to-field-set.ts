// The set of fields a value sets (structured-merge-diff's ToFieldSet): every scalar, every atomic
// list or map as one leaf, every associative list item, and every map entry that is not a declared
// struct field. Declared struct fields that only contain other fields are not members themselves.

import { isPlainObject } from '../object.js';
import { FieldSet } from './fieldset.js';
import { indexListItems } from './list-items.js';
import { fieldElement, fieldKey, type FieldPath, type PathElement } from './path-element.js';
import { entryType, shapeOf, type SchemaType } from './schema-type.js';

export function toFieldSet(value: unknown, type: SchemaType, allowDuplicates: boolean): FieldSet {
  const set = new FieldSet();
  walk(value, type, { up: undefined, key: '', pe: undefined, node: set }, allowDuplicates);
  return set;
}

/**
 * Where a value sits: its element in the container above and, once something is inserted below it, its
 * node in the set. Nodes are made as the first member below them arrives, and paths are built only for
 * error messages, so the walk inserts each member where it is instead of from the root.
 */
interface Place {
  readonly up: Place | undefined;
  readonly key: string;
  readonly pe: PathElement | undefined;
  node: FieldSet | undefined;
}

function nodeAt(place: Place): FieldSet {
  return (place.node ??= nodeAt(place.up!).childFor(place.key, place.pe!));
}

function pathTo(place: Place): FieldPath {
  const path: PathElement[] = [];
  for (let p: Place | undefined = place; p?.pe; p = p.up) path.push(p.pe);
  return path.reverse();
}

/** Inserts what the value at `place` sets (the value itself when it is a leaf; never the root). */
function walk(value: unknown, type: SchemaType, place: Place, allowDuplicates: boolean): void {
  const s = shapeOf(type, value);
  if (s.shape === 'leaf' || s.type.atomic) {
    if (place.up) nodeAt(place.up).addMember(place.key, place.pe!);
    return;
  }
  if (s.shape === 'list') {
    if (!Array.isArray(value)) return;
    for (const item of indexListItems(s.type, value, () => pathTo(place), allowDuplicates)) {
      const itemPlace: Place = { up: place, key: item.key, pe: item.pe, node: undefined };
      walk(item.value, s.type.element, itemPlace, allowDuplicates);
      nodeAt(place).addMember(item.key, item.pe);
    }
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key in value) {
    const child = value[key];
    if (child === undefined) continue;
    const childPlace: Place = { up: place, key: fieldKey(key), pe: fieldElement(key), node: undefined };
    walk(child, entryType(s.type, key), childPlace, allowDuplicates);
    if (!s.type.fields.has(key)) nodeAt(place).addMember(childPlace.key, childPlace.pe!);
  }
}

/**
 * Adds, as members, the declared struct fields that have members below them: prune uses this so a
 * struct emptied by an apply can be removed as a whole.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, type: SchemaType | undefined): FieldSet {
  const out = new FieldSet();
  addNamedFields(set, type, out);
  return out;
}

/** Fills `out`, the result's node at `set`'s place, one level at a time (no path is built or serialized again). */
function addNamedFields(set: FieldSet, type: SchemaType | undefined, out: FieldSet): void {
  const map = type?.kind === 'map' ? type : undefined;
  const list = type?.kind === 'list' ? type : undefined;
  for (const e of set.entries()) {
    const named = e.pe.kind === 'field' && map !== undefined && map.fields.has(e.pe.name);
    if (e.member || (named && e.child)) out.addMember(e.key, e.pe);
    if (!e.child) continue;
    let childType: SchemaType | undefined;
    if (e.pe.kind === 'field' && map) childType = entryType(map, e.pe.name);
    else if (e.pe.kind === 'key' && list) childType = list.element;
    const below = new FieldSet();
    addNamedFields(e.child, childType, below);
    if (!below.isEmpty()) out.addChild(e.key, e.pe, below);
  }
}
