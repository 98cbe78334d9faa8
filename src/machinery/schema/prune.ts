// Pruning of fields a structural schema does not specify (apiextensions' pruning algorithm), reporting
// each removed field as fieldValidation=Strict/Warn name it: "spec.foo", "spec.items[0].bar".
// x-kubernetes-preserve-unknown-fields keeps unknown fields but still prunes inside specified ones.
// apiVersion, kind and metadata are kept at the resource root and at embedded resources; an embedded
// resource's metadata is pruned to the fields of ObjectMeta (root metadata is the server's business).

import { isPlainObject } from '../object.js';
import { childPath as fieldChild, indexPath, keyPath } from '../validation/field-errors.js';
import { dropUnknownObjectMetaFields, objectMetaDecodeError } from '../validation/objectmeta-fields.js';
import { HAS_EMBEDDED, infoOf, treeFeatures } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

interface PruneState {
  unknown: string[];
  metadataUnknown: string[];
  /** Whether to build field.Path renderings (only embedded metadata paths use them). */
  fieldPaths: boolean;
}

/** Removes unspecified fields from `value` in place; returns the removed fields' paths. */
export function pruneUnknownFields(value: unknown, schema: JSONSchemaProps, options: { isResourceRoot: boolean }): string[] {
  const state: PruneState = { unknown: [], metadataUnknown: [], fieldPaths: (treeFeatures(schema) & HAS_EMBEDDED) !== 0 };
  prune(value, schema, '', '', options.isResourceRoot, state);
  state.unknown.sort();
  return state.metadataUnknown.length ? [...state.unknown, ...state.metadataUnknown] : state.unknown;
}

const child = (path: string, key: string): string => (path ? `${path}.${key}` : key);

// `path` is the reported path ("a.b[0].c"); `fpath` the field.Path rendering ("a.b[key]") used for metadata.

function walkChildren(x: Record<string, unknown>, s: JSONSchemaProps, path: string, fpath: string, resourceRoot: boolean, keepUnknown: boolean, state: PruneState): void {
  const embedded = resourceRoot || s['x-kubernetes-embedded-resource'] === true;
  const info = infoOf(s);
  for (const key of Object.keys(x)) {
    if (embedded && META_FIELDS.has(key)) {
      if (key === 'metadata' && !resourceRoot) pruneEmbeddedMetadata(x, fpath, state);
      continue;
    }
    const prop = info.properties?.get(key);
    if (prop) prune(x[key], prop, child(path, key), state.fieldPaths ? fieldChild(fpath, key) : '', false, state);
    else if (info.additional !== undefined) {
      const sub = typeof info.additional === 'object' ? info.additional : undefined;
      prune(x[key], sub, child(path, key), state.fieldPaths ? keyPath(fpath, key) : '', false, state);
    } else if (!keepUnknown) {
      if (!META_FIELDS.has(key) || path !== '') state.unknown.push(child(path, key));
      delete x[key];
    }
  }
}

function prune(x: unknown, s: JSONSchemaProps | undefined, path: string, fpath: string, resourceRoot: boolean, state: PruneState): void {
  if (s && s['x-kubernetes-preserve-unknown-fields']) {
    skipPrune(x, s, path, fpath, resourceRoot, state);
    return;
  }
  if (Array.isArray(x)) {
    const items = s?.items;
    for (let i = 0; i < x.length; i++) prune(x[i], items, `${path}[${i}]`, state.fieldPaths ? indexPath(fpath, i) : '', false, state);
    return;
  }
  if (!isPlainObject(x)) return;
  if (!s) {
    for (const key of Object.keys(x)) {
      state.unknown.push(child(path, key));
      delete x[key];
    }
    return;
  }
  walkChildren(x, s, path, fpath, resourceRoot, false, state);
}

/** Under x-kubernetes-preserve-unknown-fields: keep unknown fields, prune inside specified ones. */
function skipPrune(x: unknown, s: JSONSchemaProps | undefined, path: string, fpath: string, resourceRoot: boolean, state: PruneState): void {
  if (!s) return;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) skipPrune(x[i], s.items, `${path}[${i}]`, state.fieldPaths ? indexPath(fpath, i) : '', false, state);
    return;
  }
  if (isPlainObject(x)) walkChildren(x, s, path, fpath, resourceRoot, true, state);
}

function pruneEmbeddedMetadata(resource: Record<string, unknown>, fpath: string, state: PruneState): void {
  const meta = resource.metadata;
  if (!isPlainObject(meta) || objectMetaDecodeError(meta) !== undefined) return;
  state.metadataUnknown.push(...dropUnknownObjectMetaFields(meta, `${fieldChild(fpath, 'metadata')}.`));
  if (meta.creationTimestamp === null) delete meta.creationTimestamp;
}
