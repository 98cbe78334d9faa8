// How an item of an associative list is addressed: by its key fields (list-map) or by its value
// (set). Items that cannot be addressed make the object invalid for field management; the errors
// carry upstream's wording so clients see the same message.

import { isPlainObject } from '../object.js';
import { formatFieldPath, keyElement, serializePathElement, valueElement, type FieldPath, type KeyField, type PathElement } from './path-element.js';
import type { ListType } from './schema-type.js';

/** An object that does not fit its schema for field management, with upstream-style messages. */
export class TypedValueError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0]! : `errors:\n  ${problems.join('\n  ')}`);
    this.name = 'TypedValueError';
  }
}

export function listItemElement(list: ListType, item: unknown): PathElement {
  if (list.keys.length > 0) {
    if (item === null) throw new ItemError('associative list with keys may not have a null element');
    if (!isPlainObject(item)) throw new ItemError('associative list with keys may not have non-map elements');
    const fields: KeyField[] = [];
    for (const name of list.keys) {
      if (Object.prototype.hasOwnProperty.call(item, name) && item[name] !== undefined) fields.push({ name, value: item[name] });
      else if (list.keyDefaults.has(name)) fields.push({ name, value: list.keyDefaults.get(name) });
      else throw new ItemError(`associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`);
    }
    // Most lists have one key field: already in order.
    return fields.length === 1 ? { kind: 'key', fields } : keyElement(fields);
  }
  if (isPlainObject(item)) throw new ItemError("associative list without keys has an element that's a map type");
  if (Array.isArray(item)) throw new ItemError('not supported: associative list with lists as elements');
  if (item === null) throw new ItemError("associative list without keys has an element that's an explicit null");
  return valueElement(item);
}

class ItemError extends Error {}

export interface IndexedItem {
  readonly pe: PathElement;
  readonly key: string;
  readonly value: unknown;
}

/**
 * Addresses every item of an associative list. With allowDuplicates false a repeated key is an
 * error (an applied configuration may not contain duplicates; a live object may). `path`, the list's
 * own, only names it in errors: it may be given as a function that builds it then.
 */
export function indexListItems(list: ListType, items: readonly unknown[], path: FieldPath | (() => FieldPath), allowDuplicates: boolean): IndexedItem[] {
  const out: IndexedItem[] = [];
  // Repeats are looked for only where they are refused.
  const seen = allowDuplicates ? undefined : new Set<string>();
  const problems: string[] = [];
  const where = (): string => formatFieldPath(typeof path === 'function' ? path() : path);
  for (let i = 0; i < items.length; i++) {
    const value = items[i];
    let pe: PathElement;
    try {
      pe = listItemElement(list, value);
    } catch (err) {
      if (!(err instanceof ItemError)) throw err;
      problems.push(`${where()}: element ${i}: ${err.message}`);
      continue;
    }
    const key = serializePathElement(pe);
    if (seen?.has(key)) {
      problems.push(`${where()}: duplicate entries for key ${formatFieldPath([pe])}`);
      continue;
    }
    seen?.add(key);
    out.push({ pe, key, value });
  }
  if (problems.length > 0) throw new TypedValueError(problems);
  return out;
}
