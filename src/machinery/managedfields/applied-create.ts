// The FieldsV1 of a server-side apply that creates its object. Nobody owns anything yet, so nothing is
// merged, pruned or taken: the applier owns its configuration's field set (toFieldSet's: every leaf,
// every associative list item, every map entry that is not a declared struct field) less status and
// what no manager owns. Built in one walk, in the order the encoder writes; applied-create.test.ts holds
// it to the general path.

import { isPlainObject } from '../object.js';
import { presentKeys, UNOWNED_TOP_LEVEL } from './created.js';
import { UNOWNED_METADATA_FIELDS } from './field-manager.js';
import { indexListItems } from './list-items.js';
import { byPathElement, fieldKey } from './path-element.js';
import { sortSmall } from '../sort-small.js';
import { entryType, shapeOf, type ListType, type MapType, type SchemaType } from './schema-type.js';

type FieldsNode = Record<string, unknown>;

const UNOWNED_METADATA: ReadonlySet<string> = new Set(UNOWNED_METADATA_FIELDS);

/**
 * The applier's FieldsV1 for `config` (the configuration without system metadata) of root type `type`,
 * undefined when it owns nothing. Throws TypedValueError for a list item that cannot be addressed or a
 * repeated key (the general path then gives the error its full wording).
 */
export function appliedCreateFieldsV1(config: Record<string, unknown>, type: MapType): FieldsNode | undefined {
  let out: FieldsNode | undefined;
  for (const key of presentKeys(config)) {
    if (UNOWNED_TOP_LEVEL.has(key)) continue;
    const t = entryType(type, key);
    // Metadata itself is nobody's, whatever its type says.
    const node = key === 'metadata' ? metadataNode(config[key], t) : fieldNode(config[key], t, !type.fields.has(key));
    if (node === undefined) continue;
    out ??= {};
    out[fieldKey(key)] = node;
  }
  return out;
}

/** The FieldsV1 node of a value: `{}` for a leaf (always a member), else "." when `member` and its entries. */
function fieldNode(value: unknown, type: SchemaType, member: boolean): FieldsNode | undefined {
  const s = shapeOf(type, value);
  if (s.shape === 'leaf' || s.type.atomic) return {};
  let node: FieldsNode | undefined;
  if (s.shape === 'list') node = Array.isArray(value) ? listNode(value, s.type, member) : undefined;
  else node = isPlainObject(value) ? mapNode(value, s.type, member) : undefined;
  return node ?? (member ? {} : undefined);
}

function mapNode(value: Record<string, unknown>, type: MapType, member: boolean): FieldsNode | undefined {
  let out: FieldsNode | undefined;
  for (const key of presentKeys(value)) {
    const child = fieldNode(value[key], entryType(type, key), !type.fields.has(key));
    if (child === undefined) continue;
    out ??= member ? { '.': {} } : {};
    out[fieldKey(key)] = child;
  }
  return out;
}

function listNode(items: unknown[], type: ListType, member: boolean): FieldsNode | undefined {
  const indexed = indexListItems(type, items, [], false);
  if (indexed.length === 0) return undefined;
  if (indexed.length > 1) sortSmall(indexed, byPathElement);
  const out: FieldsNode = member ? { '.': {} } : {};
  // Every item is a member.
  for (const item of indexed) out[item.key] = fieldNode(item.value, type.element, true);
  return out;
}

/** Metadata's node: the server's fields in it are nobody's, only what lies below them stays owned. */
function metadataNode(value: unknown, type: SchemaType): FieldsNode | undefined {
  const s = shapeOf(type, value);
  if (s.shape !== 'map' || s.type.atomic || !isPlainObject(value)) return undefined;
  let out: FieldsNode | undefined;
  for (const key of presentKeys(value)) {
    const t = entryType(s.type, key);
    const unowned = UNOWNED_METADATA.has(key);
    if (unowned && isLeaf(value[key], t)) continue;
    const child = fieldNode(value[key], t, !unowned && !s.type.fields.has(key));
    if (child === undefined) continue;
    out ??= {};
    out[fieldKey(key)] = child;
  }
  return out;
}

function isLeaf(value: unknown, type: SchemaType): boolean {
  const s = shapeOf(type, value);
  return s.shape === 'leaf' || s.type.atomic;
}
