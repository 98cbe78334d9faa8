// The schema step of every write: defaults, pruning of unknown fields (reported per fieldValidation),
// structural validation, ObjectMeta validation and the kind's own validation. Any cause → 422 Invalid.

import type { StatusCause } from '../../machinery/errors.js';
import { ApiError, errors } from '../../machinery/errors.js';
import { setOwnProperty, shallowCopyWithout, type KubeObject } from '../../machinery/object.js';
import { applyDefaults, canonicalizeQuantities, dropNullsForNonNullable, pruneUnknownFields, validateValue } from '../../machinery/schema/index.js';
import { validateObjectMeta } from '../../machinery/validation/objectmeta.js';
import { dropUnknownObjectMetaFields, objectMetaDecodeError } from '../../machinery/validation/objectmeta-fields.js';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
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
  const warnings: string[] = [];
  // Metadata taken over field for field from the stored version (a status write) was admitted with it.
  const metadataCarried = input.old !== undefined && sameFields(object.metadata, input.old.metadata);
  const decodeError = metadataCarried ? undefined : objectMetaDecodeError(object.metadata);
  if (decodeError) throw errors.badRequest(decodeError);
  // ObjectMeta is a fixed struct: a field it lacks is dropped, and reported like any unknown field.
  const unknownMetadata = metadataCarried ? [] : dropUnknownObjectMetaFields(object.metadata, 'metadata.').sort();
  // Top-level fields an update carries over from the stored version as the very same objects (a status
  // write keeps the spec) were admitted with it: they are not pruned, defaulted or validated again —
  // kube-apiserver's validation ratcheting of unchanged fields.
  const carried = carriedOver(object, input.old);
  const reduced = carried.length > 0 ? schemaWithout(served.version.schema, carried) : undefined;
  const schema = reduced ?? served.version.schema;
  const target = reduced ? without(object, carried) : object;
  // kube-apiserver's order: prune, drop nulls the schema does not allow, default, then validate.
  const unknown = pruneUnknownFields(target, schema, { isResourceRoot: true });
  dropNullsForNonNullable(target, schema);
  applyDefaults(target, schema);
  // Built-in kinds store resource.Quantity values decoded, so in canonical text; custom resources as sent.
  if (!served.definition.custom) canonicalizeQuantities(target, schema);
  if (target !== object) copyBack(target, object, carried);
  const problems = [
    ...(input.duplicateFields ?? []).map((f) => `duplicate field "${f}"`),
    ...unknown.map((f) => `unknown field "${f}"`),
    ...unknownMetadata.map((f) => `unknown field "${f}"`),
  ];
  if (problems.length > 0) {
    if (fieldValidation === 'Strict') throw errors.badRequest(`strict decoding error: ${problems.join(', ')}`);
    if (fieldValidation === 'Warn') warnings.push(...problems);
  }
  const causes: StatusCause[] = [
    ...(metadataCarried ? [] : validateObjectMeta(object.metadata, { namespaced: served.definition.namespaced, nameRule: nameRuleOf(served) })),
    ...validateValue(withoutMetadata(target), schema),
    ...(input.strategy?.validate?.(object, input.old) ?? []),
  ];
  if (causes.length > 0) throw errors.invalid(served.definition.kind, served.group, object.metadata.name ?? object.metadata.generateName ?? '', causes);
  return warnings;
}

const IDENTITY_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function carriedOver(object: KubeObject, old: KubeObject | undefined): string[] {
  if (!old) return [];
  const fields = object as Record<string, unknown>;
  const before = old as Record<string, unknown>;
  return Object.keys(fields).filter((k) => !IDENTITY_FIELDS.has(k) && typeof fields[k] === 'object' && fields[k] !== null && fields[k] === before[k]);
}

/** Keys that decide about the object as a whole: a schema with any of them is applied to every field. */
const WHOLE_OBJECT_RULES = ['x-kubernetes-validations', 'minProperties', 'maxProperties', 'allOf', 'anyOf', 'oneOf', 'not', 'additionalProperties'] as const;
const reducedSchemas = new WeakMap<JSONSchemaProps, Map<string, JSONSchemaProps | null>>();

/** The root schema without some properties (cached: schemas are immutable once served), if that is sound. */
function schemaWithout(schema: JSONSchemaProps, fields: string[]): JSONSchemaProps | undefined {
  const key = fields.join('\n');
  let cache = reducedSchemas.get(schema);
  if (!cache) reducedSchemas.set(schema, (cache = new Map()));
  let reduced = cache.get(key);
  if (reduced === undefined) {
    const sound = schema.properties !== undefined && fields.every((f) => schema.properties![f] !== undefined) && WHOLE_OBJECT_RULES.every((rule) => schema[rule] === undefined);
    reduced = sound ? { ...schema, properties: Object.fromEntries(Object.entries(schema.properties!).filter(([f]) => !fields.includes(f))), required: schema.required?.filter((f) => !fields.includes(f)) } : null;
    cache.set(key, reduced);
  }
  return reduced ?? undefined;
}

function without(object: KubeObject, fields: string[]): KubeObject {
  return shallowCopyWithout(object, fields);
}

/** What pruning and defaulting did to the view's top level, done to the object. */
function copyBack(view: KubeObject, object: KubeObject, carried: string[]): void {
  const target = object as Record<string, unknown>;
  const source = view as Record<string, unknown>;
  for (const k of Object.keys(target)) if (!carried.includes(k) && !Object.hasOwn(source, k)) delete target[k];
  for (const k of Object.keys(source)) setOwnProperty(target, k, source[k]);
}

function sameFields(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

// The schema's metadata node is a bare object; ObjectMeta is validated by its own rules above.
function withoutMetadata(object: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(object)) if (key !== 'metadata') rest[key] = (object as Record<string, unknown>)[key];
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
