// Defaults in a CRD schema must validate against their own schema and survive pruning unchanged
// (apiextensions' ValidateDefaults). additionalProperties are not followed: defaults are not honoured
// there.

import type { StatusCause } from '../errors.js';
import { deepClone, deepEqual } from '../deep.js';
import { childPath, fieldErrors, keyPath } from '../validation/field-errors.js';
import { validateEmbeddedResources } from './embedded.js';
import { pruneUnknownFields } from './prune.js';
import type { JSONSchemaProps } from './types.js';
import { validateValueAt } from './validate.js';

const META_FIELDS = new Set(['metadata', 'apiVersion', 'kind']);

export function validateDefaults(schema: JSONSchemaProps, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  walk(schema, path, true, false, out);
  return out;
}

function walk(s: JSONSchemaProps | undefined, path: string, resourceRoot: boolean, insideMeta: boolean, out: StatusCause[]): void {
  if (!s) return;
  const embedded = resourceRoot || s['x-kubernetes-embedded-resource'] === true;
  if (embedded) insideMeta = false;
  const value = s.default;
  if (value !== undefined && value !== null) {
    const at = childPath(path, 'default');
    if (!insideMeta) {
      const pruned = deepClone(value);
      pruneUnknownFields(pruned, s, { isResourceRoot: s['x-kubernetes-embedded-resource'] === true });
      if (!deepEqual(pruned, value)) out.push(fieldErrors.invalid(at, value, 'must not have unknown fields'));
    }
    const metaErrors: StatusCause[] = [];
    validateEmbeddedResources(value, s, at, metaErrors);
    if (metaErrors.length > 0) out.push(...metaErrors);
    else out.push(...validateValueAt(value, s, at));
  }
  walk(s.items, childPath(path, 'items'), false, insideMeta, out);
  if (s.properties) {
    for (const [key, prop] of Object.entries(s.properties)) {
      walk(prop, keyPath(childPath(path, 'properties'), key), false, insideMeta || (embedded && META_FIELDS.has(key)), out);
    }
  }
}
