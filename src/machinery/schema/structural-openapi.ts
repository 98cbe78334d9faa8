// The per-node rules a CustomResourceDefinition's openAPIV3Schema must follow (apiextensions'
// ValidateCustomResourceDefinitionOpenAPISchema for v1 CRDs): supported types and keywords, where
// defaults may appear, additionalProperties vs properties, and the x-kubernetes-* list/map extensions.

import type { StatusCause } from '../errors.js';
import { childPath, fieldErrors, indexPath, keyPath } from '../validation/field-errors.js';
import { goStringSlice } from '../validation/go-format.js';
import type { JSONSchemaProps } from './types.js';

interface Rules {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
}

export const ROOT_RULES: Rules = { allowDefaults: true, disallowDefaultsReason: '', insideResourceMeta: false };

const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
const UNSUPPORTED_KEYWORDS: [string, string][] = [
  ['id', 'id is not supported'],
  ['additionalItems', 'additionalItems is not supported'],
  ['patternProperties', 'patternProperties is not supported'],
  ['definitions', 'definitions is not supported'],
  ['dependencies', 'dependencies is not supported'],
  ['$ref', '$ref is not supported'],
];

const forbidDefaults = (rules: Rules, reason: string): Rules => ({ ...rules, allowDefaults: false, disallowDefaultsReason: reason });
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** Rules for one schema node (ssv.validate upstream). */
function checkNode(schema: JSONSchemaProps, path: string, rules: Rules, out: StatusCause[]): void {
  const raw = schema as Record<string, unknown>;
  const type = raw.type;
  if (typeof type === 'string' && type !== '' && !OPENAPI_V3_TYPES.includes(type)) out.push(fieldErrors.notSupported(childPath(path, 'type'), type, OPENAPI_V3_TYPES));
  if (isSet(schema.default) && !rules.allowDefaults) {
    out.push(fieldErrors.forbidden(childPath(path, 'default'), `must not be set${rules.disallowDefaultsReason ? ` ${rules.disallowDefaultsReason}` : ''}`));
  }
  for (const [keyword, message] of UNSUPPORTED_KEYWORDS) if (isSet(raw[keyword]) && raw[keyword] !== '') out.push(fieldErrors.forbidden(childPath(path, keyword), message));
  if (type === 'null') out.push(fieldErrors.forbidden(childPath(path, 'type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(raw.items)) out.push(fieldErrors.forbidden(childPath(path, 'items'), 'items must be a schema object and not an array'));
  if (rules.insideResourceMeta && schema['x-kubernetes-embedded-resource']) {
    out.push(fieldErrors.forbidden(childPath(path, 'x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  }
}

export function checkOpenAPISchema(schema: JSONSchemaProps | undefined, path: string, rules: Rules, isRoot: boolean, out: StatusCause[]): void {
  if (!schema || typeof schema !== 'object') return;
  checkNode(schema, path, rules, out);
  if (schema.uniqueItems === true) {
    out.push(fieldErrors.forbidden(childPath(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  }
  const properties = schema.properties ?? {};
  const hasProperties = Object.keys(properties).length > 0;
  const additional = schema.additionalProperties;
  if (additional !== undefined && additional !== null) {
    if (hasProperties && (additional === false || typeof additional === 'object')) {
      out.push(fieldErrors.forbidden(childPath(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    }
    if (typeof additional === 'object') {
      // Pruning cannot tell which defaults apply inside metadata maps.
      const sub = rules.insideResourceMeta ? forbidDefaults(rules, 'inside additionalProperties applying to object metadata') : rules;
      checkOpenAPISchema(additional, childPath(path, 'additionalProperties'), sub, false, out);
    }
  }
  for (const [key, prop] of Object.entries(properties)) {
    let sub = rules;
    if ((isRoot || schema['x-kubernetes-embedded-resource']) && META_FIELDS.has(key)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = forbidDefaults(sub, `in top-level ${key}`);
    }
    checkOpenAPISchema(prop, keyPath(childPath(path, 'properties'), key), sub, false, out);
  }
  checkOpenAPISchema(schema.not, childPath(path, 'not'), rules, false, out);
  schema.allOf?.forEach((s, i) => checkOpenAPISchema(s, indexPath(childPath(path, 'allOf'), i), rules, false, out));
  schema.oneOf?.forEach((s, i) => checkOpenAPISchema(s, indexPath(childPath(path, 'oneOf'), i), rules, false, out));
  schema.anyOf?.forEach((s, i) => checkOpenAPISchema(s, indexPath(childPath(path, 'anyOf'), i), rules, false, out));
  if (schema.items && !Array.isArray(schema.items)) checkOpenAPISchema(schema.items, childPath(path, 'items'), rules, false, out);
  checkExtensions(schema, path, out);
  checkValidationRules(schema, path, out);
  checkMapListKeysMapSet(schema, path, out);
}

function requireType(schema: JSONSchemaProps, path: string, type: 'object' | 'array', extension: string, out: StatusCause[]): void {
  if (schema.type === type) return;
  const detail = `must be ${type} if ${extension} is specified`;
  if (!schema.type) out.push(fieldErrors.required(childPath(path, 'type'), detail));
  else out.push(fieldErrors.invalid(childPath(path, 'type'), schema.type, detail));
}

function checkExtensions(schema: JSONSchemaProps, path: string, out: StatusCause[]): void {
  if (schema['x-kubernetes-preserve-unknown-fields'] === false) {
    out.push(fieldErrors.invalid(childPath(path, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  const mapType = schema['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    requireType(schema, path, 'object', 'x-kubernetes-map-type', out);
    if (mapType !== 'atomic' && mapType !== 'granular') out.push(fieldErrors.notSupported(childPath(path, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  }
  const listType = schema['x-kubernetes-list-type'];
  const items = schema.items && !Array.isArray(schema.items) ? schema.items : undefined;
  if (listType !== undefined && schema.type !== 'array') requireType(schema, path, 'array', 'x-kubernetes-list-type', out);
  else if (listType === 'set' && items) {
    // Set items must be atomic (the implicit default for lists, but not for objects).
    const itemsPath = childPath(path, 'items');
    if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
      out.push(fieldErrors.invalid(childPath(itemsPath, 'x-kubernetes-list-type'), items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    } else if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      out.push(fieldErrors.invalid(childPath(itemsPath, 'x-kubernetes-map-type'), items['x-kubernetes-list-type'] ?? null, 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (listType !== undefined && listType !== 'atomic' && listType !== 'set' && listType !== 'map') {
    out.push(fieldErrors.notSupported(childPath(path, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  const mapKeys = schema['x-kubernetes-list-map-keys'] ?? [];
  if (mapKeys.length > 0) {
    const detail = 'must be map if x-kubernetes-list-map-keys is non-empty';
    if (listType === undefined) out.push(fieldErrors.required(childPath(path, 'x-kubernetes-list-type'), detail));
    else if (listType !== 'map') out.push(fieldErrors.invalid(childPath(path, 'x-kubernetes-list-type'), listType, detail));
  }
  if (listType === 'map') checkListMap(schema, mapKeys, path, out);
}

function checkListMap(schema: JSONSchemaProps, mapKeys: readonly string[], path: string, out: StatusCause[]): void {
  const itemsPath = childPath(path, 'items');
  const keysPath = childPath(path, 'x-kubernetes-list-map-keys');
  if (mapKeys.length === 0) out.push(fieldErrors.required(keysPath, 'must not be empty if x-kubernetes-list-type is map'));
  const raw = schema.items as unknown;
  if (raw === undefined || raw === null) {
    out.push(fieldErrors.required(itemsPath, 'must have a schema if x-kubernetes-list-type is map'));
    return;
  }
  if (Array.isArray(raw)) {
    out.push(fieldErrors.invalid(itemsPath, raw, 'must only have a single schema if x-kubernetes-list-type is map'));
    return;
  }
  const items = raw as JSONSchemaProps;
  if (items.type !== 'object') {
    out.push(fieldErrors.invalid(childPath(itemsPath, 'type'), items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
    return;
  }
  const seen = new Set<string>();
  for (const key of mapKeys) {
    const prop = items.properties && Object.prototype.hasOwnProperty.call(items.properties, key) ? items.properties[key] : undefined;
    if (prop) {
      if (prop.type === 'array' || prop.type === 'object') {
        // Upstream reports the items' type here, not the key property's.
        out.push(fieldErrors.invalid(childPath(keyPath(childPath(itemsPath, 'properties'), key), 'type'), items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
      }
    } else out.push(fieldErrors.invalidRendered(keysPath, goStringSlice(mapKeys), 'entries must all be names of item properties'));
    if (seen.has(key)) out.push(fieldErrors.invalidRendered(keysPath, goStringSlice(mapKeys), 'must not contain duplicate entries'));
    seen.add(key);
  }
}

const NEWLINES = /[\n\r]/;

function checkValidationRules(schema: JSONSchemaProps, path: string, out: StatusCause[]): void {
  const rules = schema['x-kubernetes-validations'];
  if (!Array.isArray(rules)) return;
  rules.forEach((r, i) => {
    const at = indexPath(childPath(path, 'x-kubernetes-validations'), i);
    const rule = (typeof r?.rule === 'string' ? r.rule : '').trim();
    const rawMessage = typeof r?.message === 'string' ? r.message : '';
    const message = rawMessage.trim();
    if (!rule) out.push(fieldErrors.required(childPath(at, 'rule'), 'rule is not specified'));
    else if (rawMessage.length > 0 && !message) out.push(fieldErrors.invalid(childPath(at, 'message'), rawMessage, 'message must be non-empty if specified'));
    else if (NEWLINES.test(message)) out.push(fieldErrors.invalid(childPath(at, 'message'), rawMessage, 'message must not contain line breaks'));
    else if (NEWLINES.test(rule) && !message) out.push(fieldErrors.required(childPath(at, 'message'), 'message must be specified if rule contains line breaks'));
  });
}

/** Items of set and map lists cannot be null; map keys must be required or defaulted, and not nullable. */
function checkMapListKeysMapSet(schema: JSONSchemaProps, path: string, out: StatusCause[]): void {
  const listType = schema['x-kubernetes-list-type'];
  const items = schema.items;
  if (!items || Array.isArray(items) || (listType !== 'set' && listType !== 'map')) return;
  const itemsPath = childPath(path, 'items');
  if (items.nullable) out.push(fieldErrors.forbidden(childPath(itemsPath, 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
  if (listType !== 'map') return;
  const required = new Set(items.required ?? []);
  for (const key of schema['x-kubernetes-list-map-keys'] ?? []) {
    const prop = items.properties && Object.prototype.hasOwnProperty.call(items.properties, key) ? items.properties[key] : undefined;
    if (!prop) continue;
    const propPath = keyPath(childPath(itemsPath, 'properties'), key);
    if (!required.has(key) && !isSet(prop.default)) {
      out.push(fieldErrors.required(childPath(propPath, 'default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
    }
    if (prop.nullable) out.push(fieldErrors.forbidden(childPath(propPath, 'nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
  }
}
