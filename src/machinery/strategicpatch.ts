// Strategic merge patch for built-in kinds, driven by the schema's x-kubernetes-patch-strategy and
// x-kubernetes-patch-merge-key. Semantics and list ordering follow k8s.io/apimachinery's strategicpatch:
//   - maps merge recursively, null deletes; lists replace unless their strategy contains "merge";
//   - merge lists of maps merge items by the merge key, merge lists of scalars merge as sets;
//   - directives: $patch (replace/delete/merge), $retainKeys, $setElementOrder/<f>, $deleteFromPrimitiveList/<f>.
// A subtree without a schema behaves like a JSON merge patch (lists replace), still honouring directives.
// Patch content that lands without an original counterpart is normalised the same way (nulls dropped,
// directives applied), which is what decoding into typed objects does upstream.

import { isPlainObject, ownValue, setOwnProperty } from './object.js';
import type { JSONSchemaProps } from './schema/types.js';
import { PatchError } from './jsonpatch.js';
import { deepClone } from './deep.js';

type JsonObject = Record<string, unknown>;

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_PREFIX = '$deleteFromPrimitiveList/';
const ORDER_PREFIX = '$setElementOrder/';

const invalid = (message: string) => new PatchError(message, 'invalid');
const hasOwn = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

interface FieldMeta {
  merge: boolean;
  replace: boolean;
  mergeKey?: string;
}

function fieldMeta(schema: JSONSchemaProps | undefined): FieldMeta {
  const strategies = (schema?.['x-kubernetes-patch-strategy'] ?? '').split(',').map((s) => s.trim());
  return { merge: strategies.includes('merge'), replace: strategies.includes('replace'), mergeKey: schema?.['x-kubernetes-patch-merge-key'] };
}

function childSchema(schema: JSONSchemaProps | undefined, key: string): JSONSchemaProps | undefined {
  if (!schema) return undefined;
  const property = schema.properties && ownValue(schema.properties, key);
  if (property) return property;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/** Unknown "$" keys are rejected only where a schema describes the map; elsewhere they are data. */
function isStrict(schema: JSONSchemaProps | undefined): boolean {
  return schema !== undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true;
}

function directiveOf(item: unknown): unknown {
  return isPlainObject(item) && hasOwn(item, DIRECTIVE) ? item[DIRECTIVE] : undefined;
}

const isDirectiveItem = (item: unknown) => isPlainObject(item) && hasOwn(item, DIRECTIVE);

// ---- maps ----

function mergeMap(original: JsonObject, patch: JsonObject, schema: JSONSchemaProps | undefined): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    delete patch[DIRECTIVE];
    if (directive === 'replace') return mergeMap({}, patch, schema);
    if (directive === 'delete') return {};
    if (directive !== 'merge') throw invalid(`unknown patch type: ${String(directive)} in map: ${JSON.stringify({ ...patch, [DIRECTIVE]: directive })}`);
  }
  applyRetainKeys(original, patch);
  applyElementOrder(original, patch, schema);

  const deletions: [string, unknown][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_PREFIX)) {
      deletions.push([key.slice(DELETE_PREFIX.length), value]);
      continue;
    }
    if (key.startsWith('$') && isStrict(schema)) throw invalid(`unknown strategic merge patch directive: ${key}`);
    if (value === null) {
      delete original[key];
      continue;
    }
    setOwnProperty(original, key, mergeValue(ownValue(original, key), value, childSchema(schema, key)));
  }
  for (const [field, value] of deletions) deleteFromPrimitiveList(original, field, value);
  return original;
}

function mergeValue(current: unknown, patch: unknown, schema: JSONSchemaProps | undefined): unknown {
  if (isPlainObject(patch)) {
    const base = isPlainObject(current) && !fieldMeta(schema).replace ? current : {};
    return mergeMap(base, patch, schema);
  }
  if (Array.isArray(patch)) return mergeList(Array.isArray(current) ? current : [], patch, schema);
  return patch;
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw invalid('invalid patch format of retainKeys');
  const keep = new Set(retain.map((k) => String(k)));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_PREFIX) || key.startsWith(ORDER_PREFIX)) continue;
    if (!keep.has(key)) throw invalid('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

function deleteFromPrimitiveList(original: JsonObject, field: string, toDelete: unknown): void {
  if (field === '' || !Array.isArray(toDelete)) throw invalid('invalid patch format of deleteFromPrimitiveList');
  const current = original[field];
  if (Array.isArray(current)) setOwnProperty(original, field, current.filter((v) => !toDelete.includes(v)));
}

// ---- lists ----

type KeyOf = (item: unknown) => unknown;

function indexIn(list: unknown[], item: unknown, keyOf: KeyOf): number {
  const key = keyOf(item);
  return list.findIndex((candidate) => keyOf(candidate) === key);
}

function sortByOrder(items: unknown[], order: unknown[], keyOf: KeyOf): unknown[] {
  return items
    .map((item, position) => ({ item, position, rank: indexIn(order, item, keyOf) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map((e) => e.item);
}

/**
 * Upstream's ordering rule: items named in `patchOrder` keep that relative order, the others keep their
 * order from `serverOrder`, and the two runs are interleaved using positions in `serverOrder`. An item
 * unknown to the server is emitted as soon as it is reached, so new items land before server-only ones
 * unless $setElementOrder says otherwise.
 */
function normalizeOrder(merged: unknown[], patchOrder: unknown[], serverOrder: unknown[], keyOf: KeyOf): unknown[] {
  const inPatch = (item: unknown) => indexIn(patchOrder, item, keyOf) >= 0;
  const right = sortByOrder(merged.filter(inPatch), patchOrder, keyOf);
  const left = sortByOrder(
    merged.filter((item) => !inPatch(item)),
    serverOrder,
    keyOf,
  );
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], keyOf);
      const ri = indexIn(serverOrder, right[j], keyOf);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

function elementKind(items: unknown[]): 'map' | 'scalar' | 'empty' {
  const kinds = new Set(items.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'list' : isPlainObject(v) ? 'map' : typeof v)));
  if (kinds.has('list')) throw invalid('lists of lists are not supported');
  if (kinds.size > 1) throw invalid(`list element types are not identical: ${JSON.stringify(items)}`);
  return kinds.size === 0 ? 'empty' : kinds.has('map') ? 'map' : 'scalar';
}

function mergeKeyOf(item: JsonObject, mergeKey: string): unknown {
  if (!hasOwn(item, mergeKey)) throw invalid(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
  return item[mergeKey];
}

/** Handles list items carrying $patch; returns the remaining patch items and whether the list is replaced. */
function splitDirectiveItems(patch: unknown[], onDelete: (item: JsonObject) => void): { items: unknown[]; replace: boolean } {
  const items: unknown[] = [];
  let replace = false;
  for (const item of patch) {
    if (!isDirectiveItem(item)) {
      items.push(item);
      continue;
    }
    const directive = directiveOf(item);
    if (directive === 'replace') replace = true;
    else if (directive === 'delete') onDelete(item as JsonObject);
    else if (directive !== 'merge') throw invalid(`unknown patch type: ${String(directive)} in map: ${JSON.stringify(item)}`);
  }
  return { items, replace };
}

function normalizeItems(items: unknown[], itemSchema: JSONSchemaProps | undefined): unknown[] {
  return items.map((item) => (isPlainObject(item) ? mergeMap({}, item, itemSchema) : item));
}

function mergeList(original: unknown[], patch: unknown[], schema: JSONSchemaProps | undefined): unknown[] {
  const { merge, mergeKey } = fieldMeta(schema);
  const itemSchema = schema?.items;
  if (!merge) {
    const { items } = splitDirectiveItems(patch, () => undefined);
    // Without a schema the list is JSON merge patch data and is kept as written.
    return schema ? normalizeItems(items, itemSchema) : items;
  }
  const kind = elementKind([...original, ...patch.filter((item) => !isDirectiveItem(item))]);
  // With no items to look at, a declared merge key says what the list holds.
  const ofMaps = kind === 'map' || (kind === 'empty' && mergeKey !== undefined);
  return ofMaps ? mergeListOfMaps(original, patch, mergeKey, itemSchema) : mergeListOfScalars(original, patch);
}

function mergeListOfScalars(original: unknown[], patch: unknown[]): unknown[] {
  const { items, replace } = splitDirectiveItems(patch, () => {
    throw invalid('$patch: delete needs a merge key; use $deleteFromPrimitiveList for lists of scalars');
  });
  if (replace) return items;
  const merged = [...new Set([...original, ...items])];
  return normalizeOrder(merged, items, original, (v) => v);
}

function mergeListOfMaps(original: unknown[], patch: unknown[], mergeKey: string | undefined, itemSchema: JSONSchemaProps | undefined): unknown[] {
  if (!mergeKey) throw invalid('cannot merge lists without merge key');
  const keyOf: KeyOf = (item) => mergeKeyOf(item as JsonObject, mergeKey);
  let server = original;
  const { items, replace } = splitDirectiveItems(patch, (item) => {
    const key = keyOf(item);
    server = server.filter((candidate) => !(isPlainObject(candidate) && hasOwn(candidate, mergeKey) && candidate[mergeKey] === key));
  });
  if (replace) return normalizeItems(items, itemSchema);

  const merged = [...server];
  for (const item of items as JsonObject[]) {
    const key = keyOf(item);
    const at = merged.findIndex((candidate) => isPlainObject(candidate) && hasOwn(candidate, mergeKey) && candidate[mergeKey] === key);
    if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, item, itemSchema);
    else merged.push(mergeMap({}, item, itemSchema));
  }
  return normalizeOrder(merged, items, server, keyOf);
}

// ---- $setElementOrder ----

function checkOrderConsistency(patchList: unknown[], order: unknown[], keyOf: KeyOf): void {
  if (order.length === 0) return;
  const items = patchList.filter((item) => !isDirectiveItem(item));
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (keyOf(items[p]) === keyOf(order[o])) p++;
    o++;
  }
  if (p < items.length) {
    throw invalid(`The order in patch list:\n${JSON.stringify(patchList)}\n doesn't match ${ORDER_PREFIX.slice(0, -1)} list:\n${JSON.stringify(order)}\n`);
  }
}

function applyElementOrder(original: JsonObject, patch: JsonObject, schema: JSONSchemaProps | undefined): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(ORDER_PREFIX)) continue;
    const order = patch[directiveKey];
    delete patch[directiveKey];
    const field = directiveKey.slice(ORDER_PREFIX.length);
    if (field === '' || !Array.isArray(order)) throw invalid('invalid patch format of setElementOrder list');

    const fieldSchema = childSchema(schema, field);
    const { mergeKey } = fieldMeta(fieldSchema);
    const server = hasOwn(original, field) && Array.isArray(original[field]) ? (original[field] as unknown[]) : undefined;
    const patchList = hasOwn(patch, field) && Array.isArray(patch[field]) ? (patch[field] as unknown[]) : undefined;
    if (!server && !patchList) continue;

    const orderKind = elementKind(order);
    const keyOf: KeyOf | undefined = orderKind === 'map' ? (mergeKey ? (item) => mergeKeyOf(item as JsonObject, mergeKey) : undefined) : (v) => v;
    if (patchList && keyOf) checkOrderConsistency(patchList, order, keyOf);

    const merged = patchList ? mergeList(server ?? [], patchList, fieldSchema) : server!;
    if (patchList) delete patch[field];
    setOwnProperty(original, field, keyOf && merged.length > 0 && orderKind !== 'empty' ? normalizeOrder(merged, order, server ?? [], keyOf) : merged);
  }
}

/**
 * Applies a strategic merge patch to `target` using `schema` (the kind's structural schema) for list
 * strategies and merge keys. Neither input is modified. Throws PatchError('invalid') for malformed patches.
 */
export function applyStrategicMergePatch(target: unknown, patch: unknown, schema: JSONSchemaProps | undefined): unknown {
  if (!isPlainObject(patch)) throw invalid('a strategic merge patch must be a JSON object');
  const original = isPlainObject(target) ? deepClone(target) : {};
  return mergeMap(original, deepClone(patch), schema);
}
