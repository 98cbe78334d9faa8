// Validation of a value against its structural schema, in the order kube-apiserver reports problems for
// custom resources: OpenAPI value validation, then embedded resources, then list-type set/map uniqueness.
// Schemas are treated as immutable once used (derived facts are cached on them).

import type { StatusCause } from '../errors.js';
import { validateEmbeddedResources } from './embedded.js';
import { validateListTypes } from './list-type.js';
import { validateNode } from './openapi-validate.js';
import { HAS_EMBEDDED, HAS_SET_OR_MAP_LIST, treeFeatures } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

/**
 * Problems with `value` under `schema`. `path` names the value ("" for a whole object, so a field
 * is reported as "spec.replicas"); each cause's message is the part after "<field>: ".
 */
export function validateValue(value: unknown, schema: JSONSchemaProps, path = ''): StatusCause[] {
  const out: StatusCause[] = [];
  validateNode(value, schema, path, { fieldPrefix: '', out });
  const features = treeFeatures(schema);
  if (features & HAS_EMBEDDED) validateEmbeddedResources(value, schema, path, out);
  if (features & HAS_SET_OR_MAP_LIST) validateListTypes(value, schema, path, out);
  return out;
}

/** OpenAPI value validation of a value that sits at `fieldPath` (e.g. a default inside a CRD schema). */
export function validateValueAt(value: unknown, schema: JSONSchemaProps, fieldPath: string): StatusCause[] {
  const out: StatusCause[] = [];
  validateNode(value, schema, '', { fieldPrefix: fieldPath, out });
  return out;
}
