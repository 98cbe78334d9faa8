// The set of fields a value sets (structured-merge-diff's ToFieldSet): every scalar, every atomic
// list or map as one leaf, every associative list item, and every map entry that is not a declared
// struct field. Declared struct fields that only contain other fields are not members themselves.

import { isPlainObject } from '../object.js';
import { FieldSet } from './fieldset.js';
import { indexListItems } from './list-items.js';
import { mark, pathTo, placeBelow, rootPlace, type FieldPlace } from './field-place.js';
import { fieldElement, fieldKey } from './path-element.js';
import { entryType, shapeOf, type SchemaType } from './schema-type.js';

export function toFieldSet(value: unknown, type: SchemaType, allowDuplicates: boolean): FieldSet {
  const set = new FieldSet();
  walk(value, type, rootPlace(set), allowDuplicates);
  return set;
}

/** Marks what the value at `place` sets (the value itself when it is a leaf). */
function walk(value: unknown, type: SchemaType, place: FieldPlace, allowDuplicates: boolean): void {
  const s = shapeOf(type, value);
  if (s.shape === 'leaf' || s.type.atomic) {
    mark(place, 0);
    return;
  }
  if (s.shape === 'list') {
    if (!Array.isArray(value)) return;
    for (const item of indexListItems(s.type, value, () => pathTo(place), allowDuplicates)) {
      const itemPlace = placeBelow(place, item.key, item.pe);
      walk(item.value, s.type.element, itemPlace, allowDuplicates);
      mark(itemPlace, 0);
    }
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key in value) {
    const child = value[key];
    if (child === undefined) continue;
    const childPlace = placeBelow(place, fieldKey(key), fieldElement(key));
    walk(child, entryType(s.type, key), childPlace, allowDuplicates);
    if (!s.type.fields.has(key)) mark(childPlace, 0);
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
