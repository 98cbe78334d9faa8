// Structural-schema invariants (apiextensions' ValidateStructural): every specified field has a type,
// allOf/anyOf/oneOf/not only add value validations (with the two int-or-string exceptions), what they
// mention is also specified outside them, and metadata at the root only restricts name/generateName.
// Errors are sorted by their full text, as upstream does.

import type { StatusCause } from '../errors.js';
import { childPath, fieldErrors, indexPath, keyPath } from '../validation/field-errors.js';
import { compilePattern } from './pattern.js';
import type { JSONSchemaProps } from './types.js';

type Level = 'root' | 'item' | 'field';

const MISSING_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

const props = (path: string, key: string): string => keyPath(childPath(path, 'properties'), key);
const entries = (o: Record<string, JSONSchemaProps> | undefined): [string, JSONSchemaProps][] => (o ? Object.entries(o) : []);

export function validateStructural(schema: JSONSchemaProps, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  invariants(schema, 'root', path, out);
  completeness(schema, schema, path, path, out);
  const text = (c: StatusCause): string => `${c.field ?? ''}: ${c.message}`;
  return out.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

function isIntOrStringAnyOf(anyOf: JSONSchemaProps[] | undefined): boolean {
  if (!anyOf || anyOf.length !== 2) return false;
  const only = (s: JSONSchemaProps, type: string): boolean => s.type === type && Object.keys(s).length === 1;
  return only(anyOf[0] as JSONSchemaProps, 'integer') && only(anyOf[1] as JSONSchemaProps, 'string');
}

function invariants(s: JSONSchemaProps | undefined, level: Level, path: string, out: StatusCause[]): void {
  if (!s) return;
  if (s.type === 'array' && !s.items) out.push(fieldErrors.required(childPath(path, 'items'), 'must be specified'));
  invariants(s.items, 'item', childPath(path, 'items'), out);
  for (const [key, prop] of entries(s.properties)) invariants(prop, 'field', props(path, key), out);
  const additional = s.additionalProperties;
  if (additional !== undefined && additional !== null) {
    if (level === 'root') out.push(fieldErrors.forbidden(childPath(path, 'additionalProperties'), 'must not be used at the root'));
    if (typeof additional === 'object') invariants(additional, 'field', childPath(path, 'additionalProperties'), out);
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (intOrString && preserve) {
    out.push(fieldErrors.invalid(childPath(path, 'x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'));
  }
  if (intOrString && embedded) {
    out.push(fieldErrors.invalid(childPath(path, 'x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'));
  }
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const skipFirstAllOfAnyOf = (s.allOf?.length ?? 0) >= 1 && isIntOrStringAnyOf(s.allOf?.[0]?.anyOf);
  valueValidation(s, skipAnyOf, skipFirstAllOfAnyOf, level, path, out);

  const checkMetadata = level === 'root' || embedded;
  if (embedded && s.type !== 'object') {
    const detail = 'must be object if x-kubernetes-embedded-resource is true';
    if (!s.type) out.push(fieldErrors.required(childPath(path, 'type'), detail));
    else out.push(fieldErrors.invalid(childPath(path, 'type'), s.type, detail));
  } else if (!s.type && !intOrString && !preserve) {
    out.push(fieldErrors.required(childPath(path, 'type'), MISSING_TYPE[level]));
  }
  if (embedded && additional !== undefined && additional !== null) {
    out.push(fieldErrors.forbidden(childPath(path, 'additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  }
  if (level === 'root' && s.type && s.type !== 'object') out.push(fieldErrors.invalid(childPath(path, 'type'), s.type, 'must be object at the root'));
  for (const key of ['kind', 'apiVersion']) {
    const prop = s.properties?.[key];
    if (prop && checkMetadata && prop.type !== 'string') out.push(fieldErrors.invalid(childPath(props(path, key), 'type'), prop.type ?? '', 'must be string'));
  }
  const metadata = s.properties?.metadata;
  if (metadata) metadataInvariants(metadata, checkMetadata, level, props(path, 'metadata'), out);
  if (embedded && !preserve && Object.keys(s.properties ?? {}).length === 0) {
    out.push(fieldErrors.required(childPath(path, 'properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
}

/** Keys of a schema node that do not make metadata restrict anything. */
const IGNORED_METADATA_KEYS = new Set(['type', 'default', 'example', 'externalDocs']);

function isZero(v: unknown): boolean {
  return v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0);
}

function metadataInvariants(s: JSONSchemaProps, checkMetadata: boolean, level: Level, path: string, out: StatusCause[]): void {
  if (checkMetadata && s.type !== 'object') out.push(fieldErrors.invalid(childPath(path, 'type'), s.type ?? '', 'must be object'));
  if (level !== 'root') return;
  const restricts = Object.entries(s).some(([key, value]) => {
    if (IGNORED_METADATA_KEYS.has(key) || isZero(value)) return false;
    if (key !== 'properties') return true;
    const names = Object.keys(value as object);
    return names.length > 0 && !names.every((n) => n === 'name' || n === 'generateName');
  });
  if (restricts) out.push(fieldErrors.forbidden(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
}

/** allOf/anyOf/oneOf/not of a node, and its pattern. */
function valueValidation(v: JSONSchemaProps, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, level: Level, path: string, out: StatusCause[]): void {
  if (!skipAnyOf) v.anyOf?.forEach((n, i) => nested(n, false, false, level, indexPath(childPath(path, 'anyOf'), i), out));
  v.allOf?.forEach((n, i) => nested(n, skipFirstAllOfAnyOf && i === 0, false, level, indexPath(childPath(path, 'allOf'), i), out));
  v.oneOf?.forEach((n, i) => nested(n, false, false, level, indexPath(childPath(path, 'oneOf'), i), out));
  nested(v.not, false, false, level, childPath(path, 'not'), out);
  if (v.pattern) {
    const compiled = compilePattern(v.pattern);
    if (compiled.error !== undefined) {
      out.push(fieldErrors.invalid(childPath(path, 'pattern'), v.pattern, `must be a valid regular expression, but isn't: ${compiled.error}`));
    }
  }
}

const NESTED_FORBIDDEN: [keyof JSONSchemaProps, string][] = [
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

/** A schema under a logical junctor may only carry value validations. */
function nested(v: JSONSchemaProps | undefined, skipAnyOf: boolean, skipAllOfAnyOf: boolean, level: Level, path: string, out: StatusCause[]): void {
  if (!v) return;
  valueValidation(v, skipAnyOf, skipAllOfAnyOf, level, path, out);
  nested(v.items, false, false, level, childPath(path, 'items'), out);
  for (const [key, prop] of entries(v.properties)) nested(prop, false, false, 'field', props(path, key), out);
  if (v.type) out.push(fieldErrors.forbidden(childPath(path, 'type'), 'must be empty to be structural'));
  if (v.additionalProperties !== undefined && v.additionalProperties !== null) {
    out.push(fieldErrors.forbidden(childPath(path, 'additionalProperties'), 'must be undefined to be structural'));
  }
  const raw = v as Record<string, unknown>;
  if (!isZero(raw.externalDocs)) out.push(fieldErrors.forbidden(childPath(path, 'externalDocs'), 'must be undefined to be structural'));
  for (const [key, message] of NESTED_FORBIDDEN) if (!isZero(v[key])) out.push(fieldErrors.forbidden(childPath(path, key), message));
  if (v.properties && Object.prototype.hasOwnProperty.call(v.properties, 'metadata')) {
    out.push(fieldErrors.forbidden(props(path, 'metadata'), 'must not be specified in a nested context'));
  }
}

/** Fields and items mentioned under junctors must also be specified in the structural part. */
function completeness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string, out: StatusCause[]): void {
  if (!s) {
    out.push(fieldErrors.required(sPath, `because it is defined in ${vPath}`));
    return;
  }
  nestedCompleteness(v.not, s, sPath, childPath(vPath, 'not'), out);
  v.allOf?.forEach((n, i) => nestedCompleteness(n, s, sPath, indexPath(childPath(vPath, 'allOf'), i), out));
  v.anyOf?.forEach((n, i) => nestedCompleteness(n, s, sPath, indexPath(childPath(vPath, 'anyOf'), i), out));
  v.oneOf?.forEach((n, i) => nestedCompleteness(n, s, sPath, indexPath(childPath(vPath, 'oneOf'), i), out));
}

function nestedCompleteness(v: JSONSchemaProps | undefined, s: JSONSchemaProps | undefined, sPath: string, vPath: string, out: StatusCause[]): void {
  if (!v) return;
  if (!s) {
    out.push(fieldErrors.required(sPath, `because it is defined in ${vPath}`));
    return;
  }
  completeness(v, s, sPath, vPath, out);
  nestedCompleteness(v.items, s.items, childPath(sPath, 'items'), childPath(vPath, 'items'), out);
  for (const [key, vProp] of entries(v.properties)) {
    const sProp = s.properties && Object.prototype.hasOwnProperty.call(s.properties, key) ? s.properties[key] : undefined;
    if (!sProp) out.push(fieldErrors.required(props(sPath, key), `because it is defined in ${props(vPath, key)}`));
    else nestedCompleteness(vProp, sProp, props(sPath, key), props(vPath, key), out);
  }
}
