// Pruning of fields a structural schema does not specify (apiextensions' pruning algorithm), reporting
// each removed field as fieldValidation=Strict/Warn name it: "spec.foo", "spec.items[0].bar".
// x-kubernetes-preserve-unknown-fields keeps unknown fields but still prunes inside specified ones.
// apiVersion, kind and metadata are kept at the resource root and at embedded resources; an embedded
// resource's metadata is pruned to the fields of ObjectMeta (root metadata is the server's business).

import { isPlainObject } from '../object.js';
import { childPath, indexPath, keyPath } from '../validation/field-errors.js';
import { dropUnknownObjectMetaFields, objectMetaDecodeError } from '../validation/objectmeta-fields.js';
import { infoOf } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

const FIELD = 0;
const KEY = 1;
const INDEX = 2;

interface PruneState {
  unknown: string[];
  metadataUnknown: string[];
  /**
   * The way down to the node being walked, one step per level: its name or index and whether it is a
   * field, a map key or a list index. Paths are rendered from it only when a field is removed, so a
   * write without unknown fields builds no path strings.
   */
  steps: (string | number)[];
  stepKinds: number[];
}

/** Removes unspecified fields from `value` in place; returns the removed fields' paths. */
export function pruneUnknownFields(value: unknown, schema: JSONSchemaProps, options: { isResourceRoot: boolean }): string[] {
  const state: PruneState = { unknown: [], metadataUnknown: [], steps: [], stepKinds: [] };
  prune(value, schema, options.isResourceRoot, state);
  state.unknown.sort();
  return state.metadataUnknown.length ? [...state.unknown, ...state.metadataUnknown] : state.unknown;
}

/**
 * The current node's path from its steps: as removed fields are reported ("a.b[0].c", map keys like
 * fields) or, with keys in brackets, as field.Path renders it for metadata errors ("a.b[key][0]").
 */
function pathOf(state: PruneState, keysInBrackets: boolean): string {
  let path = '';
  for (let i = 0; i < state.steps.length; i++) {
    const step = state.steps[i]!;
    const kind = state.stepKinds[i];
    path = kind === INDEX ? indexPath(path, step as number) : kind === KEY && keysInBrackets ? keyPath(path, step as string) : childPath(path, step as string);
  }
  return path;
}

function descend(x: unknown, s: JSONSchemaProps | undefined, step: string | number, kind: number, state: PruneState, keepUnknown: boolean): void {
  state.steps.push(step);
  state.stepKinds.push(kind);
  if (keepUnknown) skipPrune(x, s, false, state);
  else prune(x, s, false, state);
  state.steps.pop();
  state.stepKinds.pop();
}

function walkChildren(x: Record<string, unknown>, s: JSONSchemaProps, resourceRoot: boolean, keepUnknown: boolean, state: PruneState): void {
  const embedded = resourceRoot || s['x-kubernetes-embedded-resource'] === true;
  const info = infoOf(s);
  for (const key of Object.keys(x)) {
    if (embedded && META_FIELDS.has(key)) {
      if (key === 'metadata' && !resourceRoot) pruneEmbeddedMetadata(x, state);
      continue;
    }
    const prop = info.properties?.get(key);
    if (prop) descend(x[key], prop, key, FIELD, state, false);
    else if (info.additional !== undefined) {
      const sub = typeof info.additional === 'object' ? info.additional : undefined;
      descend(x[key], sub, key, KEY, state, false);
    } else if (!keepUnknown) {
      if (!META_FIELDS.has(key) || state.steps.length > 0) state.unknown.push(childPath(pathOf(state, false), key));
      delete x[key];
    }
  }
}

function prune(x: unknown, s: JSONSchemaProps | undefined, resourceRoot: boolean, state: PruneState): void {
  if (s && s['x-kubernetes-preserve-unknown-fields']) {
    skipPrune(x, s, resourceRoot, state);
    return;
  }
  if (Array.isArray(x)) {
    const items = s?.items;
    for (let i = 0; i < x.length; i++) descend(x[i], items, i, INDEX, state, false);
    return;
  }
  if (!isPlainObject(x)) return;
  if (!s) {
    for (const key of Object.keys(x)) {
      state.unknown.push(childPath(pathOf(state, false), key));
      delete x[key];
    }
    return;
  }
  walkChildren(x, s, resourceRoot, false, state);
}

/** Under x-kubernetes-preserve-unknown-fields: keep unknown fields, prune inside specified ones. */
function skipPrune(x: unknown, s: JSONSchemaProps | undefined, resourceRoot: boolean, state: PruneState): void {
  if (!s) return;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) descend(x[i], s.items, i, INDEX, state, true);
    return;
  }
  if (isPlainObject(x)) walkChildren(x, s, resourceRoot, true, state);
}

function pruneEmbeddedMetadata(resource: Record<string, unknown>, state: PruneState): void {
  const meta = resource.metadata;
  if (!isPlainObject(meta) || objectMetaDecodeError(meta) !== undefined) return;
  state.metadataUnknown.push(...dropUnknownObjectMetaFields(meta, `${childPath(pathOf(state, true), 'metadata')}.`));
  if (meta.creationTimestamp === null) delete meta.creationTimestamp;
}
