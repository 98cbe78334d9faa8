// Keyword types of a schema that arrived as arbitrary JSON. kube-apiserver rejects these while decoding
// the CRD (400); here they are reported as field errors so the other checks can assume well-formed input.

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { childPath, fieldErrors, indexPath, keyPath } from '../validation/field-errors.js';

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'schema' | 'schemaOrBool' | 'schemaList' | 'schemaMap' | 'stringList' | 'list';

const KEYWORDS: Record<string, Kind> = {
  type: 'string',
  format: 'string',
  title: 'string',
  description: 'string',
  pattern: 'string',
  'x-kubernetes-list-type': 'string',
  'x-kubernetes-map-type': 'string',
  'x-kubernetes-patch-merge-key': 'string',
  'x-kubernetes-patch-strategy': 'string',
  minimum: 'number',
  maximum: 'number',
  multipleOf: 'number',
  minLength: 'number',
  maxLength: 'number',
  minItems: 'number',
  maxItems: 'number',
  minProperties: 'number',
  maxProperties: 'number',
  exclusiveMinimum: 'boolean',
  exclusiveMaximum: 'boolean',
  uniqueItems: 'boolean',
  nullable: 'boolean',
  'x-kubernetes-preserve-unknown-fields': 'boolean',
  'x-kubernetes-int-or-string': 'boolean',
  'x-kubernetes-embedded-resource': 'boolean',
  properties: 'schemaMap',
  additionalProperties: 'schemaOrBool',
  not: 'schema',
  allOf: 'schemaList',
  anyOf: 'schemaList',
  oneOf: 'schemaList',
  required: 'stringList',
  'x-kubernetes-list-map-keys': 'stringList',
  enum: 'list',
  'x-kubernetes-validations': 'list',
};

const EXPECTED: Record<Kind, string> = {
  string: 'must be a string',
  number: 'must be a number',
  boolean: 'must be a boolean',
  object: 'must be an object',
  schema: 'must be a schema object',
  schemaOrBool: 'must be a schema object or a boolean',
  schemaList: 'must be a list of schema objects',
  schemaMap: 'must be a map of schema objects',
  stringList: 'must be a list of strings',
  list: 'must be a list',
};

function matches(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
    case 'schema':
    case 'schemaMap':
      return isPlainObject(value) && (kind !== 'schemaMap' || Object.values(value).every(isPlainObject));
    case 'schemaOrBool':
      return typeof value === 'boolean' || isPlainObject(value);
    case 'schemaList':
      return Array.isArray(value) && value.every(isPlainObject);
    case 'stringList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'list':
      return Array.isArray(value);
  }
}

/** Problems with keyword types anywhere in the schema; empty when it is safe to inspect. */
export function checkSchemaShape(schema: unknown, path: string, out: StatusCause[]): void {
  if (!isPlainObject(schema)) {
    out.push(fieldErrors.invalid(path, schema ?? null, EXPECTED.schema));
    return;
  }
  for (const [key, value] of Object.entries(schema)) {
    const kind = KEYWORDS[key];
    if (kind === undefined || !Object.prototype.hasOwnProperty.call(KEYWORDS, key) || value === null) continue;
    const at = childPath(path, key);
    if (!matches(value, kind)) {
      out.push(fieldErrors.invalid(at, value, EXPECTED[kind]));
      continue;
    }
    if (kind === 'schema' || (kind === 'schemaOrBool' && typeof value === 'object')) checkSchemaShape(value, at, out);
    else if (kind === 'schemaList') (value as unknown[]).forEach((s, i) => checkSchemaShape(s, indexPath(at, i), out));
    else if (kind === 'schemaMap') for (const [k, s] of Object.entries(value as object)) checkSchemaShape(s, keyPath(at, k), out);
  }
  // items may be an array of schemas; that is reported as unsupported, not malformed.
  const items = schema.items;
  if (items !== undefined && items !== null) {
    if (Array.isArray(items)) items.forEach((s, i) => checkSchemaShape(s, indexPath(childPath(path, 'items'), i), out));
    else checkSchemaShape(items, childPath(path, 'items'), out);
  }
}
