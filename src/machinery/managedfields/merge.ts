// Merging an applied configuration into a live object (structured-merge-diff's Merge): the
// configuration wins on leaves and atomic lists/maps, granular maps are merged key by key and
// associative lists item by item. Shared list items follow the configuration's order; live-only
// items keep their place.

import { deepClone } from '../deep.js';
import { isPlainObject, ownValue, setOwnProperty } from '../object.js';
import { indexListItems } from './list-items.js';
import { fieldElement, type FieldPath } from './path-element.js';
import { entryType, isEmptyContainer, pairShape, type ListType, type MapType, type SchemaType } from './schema-type.js';

/** Merges `rhs` into `lhs`; `undefined` means absent (and is returned when both are). */
export function mergeValues(lhs: unknown, rhs: unknown, type: SchemaType, path: FieldPath = []): unknown {
  if (lhs === undefined && rhs === undefined) return undefined;
  const s = pairShape(type, lhs, rhs);
  const leaf = s.shape === 'leaf' || s.type.atomic || (isEmptyContainer(lhs) && isEmptyContainer(rhs));
  if (leaf) return deepClone(rhs !== undefined ? rhs : lhs);
  if (s.shape === 'list') return mergeLists(lhs, rhs, s.type as ListType, path);
  return mergeMaps(lhs, rhs, s.type as MapType, path);
}

function mergeMaps(lhs: unknown, rhs: unknown, type: MapType, path: FieldPath): unknown {
  const l = isPlainObject(lhs) ? lhs : {};
  const r = isPlainObject(rhs) ? rhs : {};
  const out: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(l), ...Object.keys(r)]);
  for (const k of keys) {
    const v = mergeValues(ownValue(l, k), ownValue(r, k), entryType(type, k), [...path, fieldElement(k)]);
    if (v !== undefined) setOwnProperty(out, k, v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function mergeLists(lhs: unknown, rhs: unknown, type: ListType, path: FieldPath): unknown {
  const lItems = indexListItems(type, Array.isArray(lhs) ? lhs : [], path, true);
  const rItems = indexListItems(type, Array.isArray(rhs) ? rhs : [], path, false);
  const rByKey = new Map(rItems.map((it) => [it.key, it.value]));
  const lCount = new Map<string, number>();
  const lByKey = new Map<string, unknown>();
  for (const it of lItems) {
    lCount.set(it.key, (lCount.get(it.key) ?? 0) + 1);
    if (!lByKey.has(it.key)) lByKey.set(it.key, it.value);
  }
  // A key repeated in the live list is merged as if absent there: the configuration's item replaces all copies.
  const liveItem = (key: string) => ((lCount.get(key) ?? 0) === 1 ? lByKey.get(key) : undefined);

  const shared = rItems.filter((it) => lByKey.has(it.key)).map((it) => it.key);
  let nextShared = shared.shift();
  const emitted = new Set<string>();
  const out: unknown[] = [];
  const push = (l: unknown, r: unknown, pe: (typeof lItems)[number]['pe']) => {
    const v = mergeValues(l, r, type.element, [...path, pe]);
    if (v !== undefined) out.push(v);
  };

  let li = 0;
  let ri = 0;
  while (li < lItems.length || ri < rItems.length) {
    if (li < lItems.length && ri < rItems.length) {
      const l = lItems[li]!;
      if (l.key === rItems[ri]!.key) {
        if (!emitted.has(l.key)) push(liveItem(l.key), rItems[ri]!.value, l.pe);
        emitted.add(l.key);
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (rByKey.has(l.key) && nextShared !== undefined && nextShared !== l.key) {
        li++; // shared item, but not the one wanted at this position
        continue;
      }
    }
    if (li < lItems.length) {
      const l = lItems[li]!;
      if (!rByKey.has(l.key)) {
        push(l.value, undefined, l.pe);
        li++;
        continue;
      }
      if (emitted.has(l.key)) {
        li++;
        continue;
      }
    }
    if (ri < rItems.length) {
      const r = rItems[ri]!;
      emitted.add(r.key);
      push(liveItem(r.key), r.value, r.pe);
      ri++;
      if (nextShared === r.key) nextShared = shared.shift();
    }
  }
  return out.length > 0 ? out : undefined;
}
