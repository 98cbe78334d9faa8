// Checks for objects marked x-kubernetes-embedded-resource (apiextensions' objectmeta.Validate): they
// need apiVersion and kind, and their metadata must be valid ObjectMeta with path-segment names.

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { childPath, fieldErrors, indexPath, keyPath } from '../validation/field-errors.js';
import { isDns1035Label } from '../validation/names.js';
import { objectMetaDecodeError } from '../validation/objectmeta-fields.js';
import { validateObjectMeta } from '../validation/objectmeta.js';
import { HAS_EMBEDDED, infoOf, treeFeatures } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

export function validateEmbeddedResources(value: unknown, schema: JSONSchemaProps | undefined, path: string, out: StatusCause[]): void {
  if (!schema || (treeFeatures(schema) & HAS_EMBEDDED) === 0) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) validateEmbeddedResources(value[i], schema.items, indexPath(path, i), out);
    return;
  }
  if (!isPlainObject(value)) return;
  if (schema['x-kubernetes-embedded-resource']) validateEmbeddedResource(value, path, out);
  const info = infoOf(schema);
  for (const key in value) {
    const prop = info.properties?.get(key);
    if (prop) validateEmbeddedResources(value[key], prop, childPath(path, key), out);
    else if (typeof info.additional === 'object') validateEmbeddedResources(value[key], info.additional, keyPath(path, key), out);
  }
}

function apiVersionError(apiVersion: string): string | undefined {
  const first = apiVersion.indexOf('/');
  if (first >= 0 && apiVersion !== '/' && apiVersion.indexOf('/', first + 1) >= 0) return `unexpected GroupVersion string: ${apiVersion}`;
  return undefined;
}

export function validateEmbeddedResource(x: Record<string, unknown>, path: string, out: StatusCause[]): void {
  if (!Object.prototype.hasOwnProperty.call(x, 'apiVersion')) out.push(fieldErrors.required(childPath(path, 'apiVersion')));
  if (!Object.prototype.hasOwnProperty.call(x, 'kind')) out.push(fieldErrors.required(childPath(path, 'kind')));
  for (const key in x) {
    const v = x[key];
    if (key === 'apiVersion') {
      const field = childPath(path, 'apiVersion');
      if (typeof v !== 'string') out.push(fieldErrors.invalid(field, v, 'must be a string'));
      else if (v === '') out.push(fieldErrors.required(field));
      else {
        const err = apiVersionError(v);
        if (err) out.push(fieldErrors.invalid(field, v, err));
      }
    } else if (key === 'kind') {
      const field = childPath(path, 'kind');
      if (typeof v !== 'string') out.push(fieldErrors.invalid(field, v, 'must be a string'));
      else if (v === '') out.push(fieldErrors.required(field));
      else {
        const errs = isDns1035Label(v.toLowerCase());
        if (errs.length > 0) out.push(fieldErrors.invalid(field, v, `may have mixed case, but should otherwise match: ${errs.join(',')}`));
      }
    } else if (key === 'metadata') {
      const field = childPath(path, 'metadata');
      const decodeError = objectMetaDecodeError(v);
      if (decodeError) {
        out.push(fieldErrors.invalid(field, v, decodeError));
        continue;
      }
      const meta = isPlainObject(v) ? v : {};
      const namespaced = typeof meta.namespace === 'string' && meta.namespace !== '';
      // An embedded object needs no name; upstream validates with a stand-in.
      const withName = typeof meta.name === 'string' && meta.name !== '' ? meta : { ...meta, name: 'fakename' };
      out.push(...validateObjectMeta(withName, { namespaced, nameRule: 'pathSegment', fieldPath: field }));
    }
  }
}
