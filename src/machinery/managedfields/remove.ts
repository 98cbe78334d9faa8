// Removing a set of fields from a value (structured-merge-diff's RemoveItems). A container that
// loses all its entries because of removals below it stays as an empty map or list.

import { isPlainObject, setOwnProperty } from '../object.js';
import type { FieldSet } from './fieldset.js';
import { listItemElement } from './list-items.js';
import { fieldElement } from './path-element.js';
import { entryType, shapeOf, type SchemaType } from './schema-type.js';

export function removeItems(value: unknown, toRemove: FieldSet, type: SchemaType): unknown {
  return remove(value, toRemove, type) ?? (isPlainObject(value) ? {} : value);
}

/** Returns null where upstream's walker produces no output. */
function remove(value: unknown, toRemove: FieldSet, type: SchemaType): unknown {
  const s = shapeOf(type, value);
  if (s.shape === 'leaf') return value;
  if (s.shape === 'list') {
    if (!Array.isArray(value) || value.length === 0 || s.type.atomic) return null;
    const out: unknown[] = [];
    let hadMatches = false;
    for (const item of value) {
      const pe = listItemElement(s.type, item);
      if (toRemove.hasMember(pe)) continue;
      const sub = toRemove.withPrefix(pe);
      if (sub.isEmpty()) {
        out.push(item);
        continue;
      }
      hadMatches = true;
      out.push(keepContainer(item, remove(item, sub, s.type.element)));
    }
    return out.length > 0 || hadMatches ? out : null;
  }
  if (!isPlainObject(value) || Object.keys(value).length === 0 || s.type.atomic) return null;
  const out: Record<string, unknown> = {};
  let hadMatches = false;
  for (const [k, v] of Object.entries(value)) {
    const pe = fieldElement(k);
    if (toRemove.hasMember(pe)) continue;
    const sub = toRemove.withPrefix(pe);
    if (sub.isEmpty()) {
      setOwnProperty(out, k, v);
      continue;
    }
    hadMatches = true;
    setOwnProperty(out, k, keepContainer(v, remove(v, sub, entryType(s.type, k))));
  }
  return Object.keys(out).length > 0 || hadMatches ? out : null;
}

function keepContainer(before: unknown, after: unknown): unknown {
  if (after !== null) return after;
  if (isPlainObject(before)) return {};
  if (Array.isArray(before)) return [];
  return after;
}
