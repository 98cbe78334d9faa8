// The schema step of every write: defaults, pruning of unknown fields (reported per fieldValidation),
// structural validation, ObjectMeta validation and the kind's own validation. Any cause → 422 Invalid.

import type { StatusCause } from '../../machinery/errors.js';
import { ApiError, errors } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/object.js';
import { applyDefaults, dropNullsForNonNullable, pruneUnknownFields, validateValue } from '../../machinery/schema/index.js';
import { validateObjectMeta } from '../../machinery/validation/objectmeta.js';
import { objectMetaDecodeError } from '../../machinery/validation/objectmeta-fields.js';
import type { ServedResource } from '../registry/kind-registry.js';
import type { KindStrategy } from '../registry/strategy.js';
import type { FieldValidation } from './context.js';

export interface SchemaStepInput {
  object: KubeObject;
  old: KubeObject | undefined;
  served: ServedResource;
  strategy: KindStrategy | undefined;
  fieldValidation: FieldValidation;
  /** Duplicate JSON fields found in the request body (Strict rejects, Warn warns). */
  duplicateFields?: string[];
}

/** Mutates object in place (defaults, pruning); returns warnings; throws ApiError. */
export function admitSchema(input: SchemaStepInput): string[] {
  const { object, served, fieldValidation } = input;
  const schema = served.version.schema;
  const warnings: string[] = [];
  const decodeError = objectMetaDecodeError(object.metadata);
  if (decodeError) throw errors.badRequest(decodeError);
  // kube-apiserver's order: prune, drop nulls the schema does not allow, default, then validate.
  const unknown = pruneUnknownFields(object, schema, { isResourceRoot: true });
  dropNullsForNonNullable(object, schema);
  applyDefaults(object, schema);
  const problems = [
    ...(input.duplicateFields ?? []).map((f) => `duplicate field "${f}"`),
    ...unknown.map((f) => `unknown field "${f}"`),
  ];
  if (problems.length > 0) {
    if (fieldValidation === 'Strict') throw errors.badRequest(`strict decoding error: ${problems.join(', ')}`);
    if (fieldValidation === 'Warn') warnings.push(...problems);
  }
  const causes: StatusCause[] = [
    ...validateObjectMeta(object.metadata, { namespaced: served.definition.namespaced, nameRule: nameRuleOf(served) }),
    ...validateValue(withoutMetadata(object), schema),
    ...(input.strategy?.validate?.(object, input.old) ?? []),
  ];
  if (causes.length > 0) throw errors.invalid(served.definition.kind, served.group, object.metadata.name ?? object.metadata.generateName ?? '', causes);
  return warnings;
}

// The schema's metadata node is a bare object; ObjectMeta is validated by its own rules above.
function withoutMetadata(object: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, ...rest } = object;
  return rest;
}

function nameRuleOf(served: ServedResource): 'dns1123Subdomain' | 'dns1123Label' | 'pathSegment' {
  const { group, kind } = served.definition;
  if (group === '' && (kind === 'Namespace' || kind === 'Service')) return 'dns1123Label';
  if (group === 'rbac.authorization.k8s.io') return 'pathSegment';
  return 'dns1123Subdomain';
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
