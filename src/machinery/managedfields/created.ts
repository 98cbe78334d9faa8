// The FieldsV1 of a create that nobody else owns anything in. Compared with nothing, every field the
// object sets appeared, and the creator owns them all: every leaf, every container that has something
// below it (marked "."), every list item — less what no manager owns (apiVersion, kind, the server's
// metadata) and status. Built in one walk of the object, in upstream's key order, without the field
// sets the general update path builds; created.test.ts checks both paths agree.

import { UNOWNED_METADATA_FIELDS } from './field-manager.js';
import { indexListItems, type IndexedItem } from './list-items.js';
import { byPathElement, comparePathElements, fieldKey, type PathElement } from './path-element.js';
import { entryType, isEmptyContainer, shapeOf, type ListType, type MapType, type SchemaType } from './schema-type.js';
import { sortSmall, sortStrings } from '../sort-small.js';

type FieldsNode = Record<string, unknown>;

/** Top-level fields of the object nobody owns: identity, and status (the main resource does not own it). */
export const UNOWNED_TOP_LEVEL: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'status']);

/** The strip set below metadata, by field name and as FieldsV1 keys. */
const UNOWNED_METADATA_NAMES: ReadonlySet<string> = new Set(UNOWNED_METADATA_FIELDS);
const UNOWNED_METADATA = new Set(UNOWNED_METADATA_FIELDS.map((name) => fieldKey(name)));

/**
 * The creator's FieldsV1 for `object` (without managedFields) of root type `type`; undefined when it owns
 * nothing. Throws TypedValueError for list items that cannot be addressed, as the general path does.
 */
export function createdFieldsV1(object: Record<string, unknown>, type: MapType): FieldsNode | undefined {
  const out: FieldsNode = {};
  let owned = false;
  for (const key of presentKeys(object)) {
    if (UNOWNED_TOP_LEVEL.has(key)) continue;
    const node = key === 'metadata' ? ownedMetadataNode(object[key], entryType(type, key)) : appeared(object[key], entryType(type, key));
    if (node === undefined) continue;
    out[fieldKey(key)] = node;
    owned = true;
  }
  return owned ? out : undefined;
}

/**
 * The FieldsV1 of top-level fields of `object` that appeared, `keys` (present in it), as the general path
 * gives them to their writer. Throws TypedValueError for list items that cannot be addressed.
 */
export function appearedFieldsV1(object: Record<string, unknown>, keys: readonly string[], type: MapType): FieldsNode {
  const out: FieldsNode = {};
  for (const key of sortStrings([...keys])) out[fieldKey(key)] = appeared(object[key], entryType(type, key));
  return out;
}

/** The FieldsV1 node of a value that appeared: `{}` for a leaf, else "." and its children. */
function appeared(value: unknown, type: SchemaType): FieldsNode {
  const s = shapeOf(type, value);
  if (s.shape === 'leaf' || s.type.atomic || isEmptyContainer(value)) return {};
  return s.shape === 'list' ? listNode(value as unknown[], s.type) : mapNode(value as Record<string, unknown>, s.type);
}

function mapNode(value: Record<string, unknown>, type: MapType): FieldsNode {
  const keys = presentKeys(value);
  if (keys.length === 0) return {};
  const out: FieldsNode = { '.': {} };
  for (const key of keys) out[fieldKey(key)] = appeared(value[key], entryType(type, key));
  return out;
}

function listNode(items: unknown[], type: ListType): FieldsNode {
  const indexed = indexListItems(type, items, [], true);
  const out: FieldsNode = { '.': {} };
  if (hasRepeatedKey(indexed)) return repeatedKeysNode(indexed, type, out);
  if (indexed.length > 1) sortSmall(indexed, byPathElement);
  for (const item of indexed) out[item.key] = appeared(item.value, type.element);
  return out;
}

/** Most lists are short and their keys distinct: compared pairwise below a few items. */
function hasRepeatedKey(items: readonly IndexedItem[]): boolean {
  if (items.length > 8) return new Set(items.map((item) => item.key)).size < items.length;
  for (let i = 1; i < items.length; i++) for (let j = 0; j < i; j++) if (items[i]!.key === items[j]!.key) return true;
  return false;
}

/** A list whose keys repeat: an item whose key repeats is owned as a whole. */
function repeatedKeysNode(items: readonly IndexedItem[], type: ListType, out: FieldsNode): FieldsNode {
  const groups = new Map<string, { pe: PathElement; values: unknown[] }>();
  for (const item of items) {
    const group = groups.get(item.key);
    if (group) group.values.push(item.value);
    else groups.set(item.key, { pe: item.pe, values: [item.value] });
  }
  const sorted = sortSmall([...groups], (a, b) => comparePathElements(a[1].pe, b[1].pe));
  for (const [key, group] of sorted) out[key] = group.values.length === 1 ? appeared(group.values[0], type.element) : {};
  return out;
}

/**
 * Metadata itself and the server's fields in it are nobody's; what remains is the creator's. A metadata
 * map is walked without the server's fields (most of a create's metadata); any other shape is walked
 * whole and stripped after.
 */
function ownedMetadataNode(value: unknown, type: SchemaType): FieldsNode | undefined {
  const s = shapeOf(type, value);
  if (s.shape !== 'map' || s.type.atomic || isEmptyContainer(value)) return ownedMetadata(appeared(value, type));
  const metadata = value as Record<string, unknown>;
  const out: FieldsNode = {};
  let owned = false;
  for (const key of presentKeys(metadata)) {
    if (UNOWNED_METADATA_NAMES.has(key)) continue;
    out[fieldKey(key)] = appeared(metadata[key], entryType(s.type, key));
    owned = true;
  }
  return owned ? out : undefined;
}

function ownedMetadata(node: FieldsNode): FieldsNode | undefined {
  const out: FieldsNode = {};
  let owned = false;
  for (const key of Object.keys(node)) {
    if (key === '.' || UNOWNED_METADATA.has(key)) continue;
    out[key] = node[key];
    owned = true;
  }
  return owned ? out : undefined;
}

/** Keys whose value is present, in upstream's order for field elements (by name). */
export function presentKeys(value: Record<string, unknown>): string[] {
  const all = Object.keys(value);
  const keys = all.every((k) => value[k] !== undefined) ? all : all.filter((k) => value[k] !== undefined);
  return keys.length > 1 ? sortStrings(keys) : keys;
}
