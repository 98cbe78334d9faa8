// Checks a CustomResourceDefinition version's openAPIV3Schema on create and update, in upstream's order:
// the per-node OpenAPI rules, then the structural invariants, and only when those hold, the defaults.
// Not covered: CEL compilation of x-kubernetes-validations, the status-subresource root restrictions,
// and defaults inside embedded resources' metadata (validated like any other default).

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { childPath, fieldErrors } from '../validation/field-errors.js';
import { validateDefaults } from './structural-defaults.js';
import { validateStructural } from './structural-invariants.js';
import { checkOpenAPISchema, ROOT_RULES } from './structural-openapi.js';
import { checkSchemaShape } from './structural-shape.js';
import type { JSONSchemaProps } from './types.js';

const NOT_CONVERTIBLE = ['id', '$ref', 'patternProperties', 'dependencies', 'additionalItems', 'definitions'];

/** Keywords that stop upstream from building a structural schema (already reported by the OpenAPI rules). */
function convertible(schema: unknown): boolean {
  if (!isPlainObject(schema)) return true;
  if (Array.isArray(schema.items) || schema['x-kubernetes-preserve-unknown-fields'] === false) return false;
  if (NOT_CONVERTIBLE.some((k) => schema[k] !== undefined && schema[k] !== null && schema[k] !== '')) return false;
  const children: unknown[] = [schema.items, schema.not, schema.additionalProperties];
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[key])) children.push(...(schema[key] as unknown[]));
  if (isPlainObject(schema.properties)) children.push(...Object.values(schema.properties));
  return children.every(convertible);
}

/** Problems with a CRD schema; `fieldPath` is where it sits, e.g. "spec.versions[0].schema.openAPIV3Schema". */
export function checkStructuralSchema(schema: JSONSchemaProps, fieldPath: string): StatusCause[] {
  const out: StatusCause[] = [];
  checkSchemaShape(schema, fieldPath, out);
  if (out.length > 0) return out;
  if (schema.nullable) out.push(fieldErrors.forbidden(childPath(fieldPath, 'nullable'), 'nullable cannot be true at the root'));
  checkOpenAPISchema(schema, fieldPath, ROOT_RULES, true, out);
  if (!convertible(schema)) return out;
  const structural = validateStructural(schema, fieldPath);
  if (structural.length > 0) out.push(...structural);
  else out.push(...validateDefaults(schema, fieldPath));
  return out;
}
