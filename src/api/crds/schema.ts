// Small builders for structural OpenAPI v3 schemas, so each CRD file reads like the API it describes.

import type { JSONSchemaProps } from '../../machinery/schema/types.js';

export type Schema = JSONSchemaProps;
type Extra = Omit<Schema, 'type' | 'properties' | 'items'>;

export const str = (extra: Extra = {}): Schema => ({ type: 'string', ...extra });
export const int32 = (extra: Extra = {}): Schema => ({ type: 'integer', format: 'int32', ...extra });
export const int64 = (extra: Extra = {}): Schema => ({ type: 'integer', format: 'int64', ...extra });
export const num = (extra: Extra = {}): Schema => ({ type: 'number', ...extra });
export const bool = (extra: Extra = {}): Schema => ({ type: 'boolean', ...extra });
export const dateTime = (extra: Extra = {}): Schema => ({ type: 'string', format: 'date-time', ...extra });

export const oneOf = (values: string[], extra: Extra = {}): Schema => ({ type: 'string', enum: values, ...extra });

/** An object with known properties; `required` lists the fields that must be present. */
export function obj(properties: Record<string, Schema>, required?: string[], extra: Extra = {}): Schema {
  const schema: Schema = { type: 'object', properties, ...extra };
  if (required && required.length > 0) schema.required = required;
  return schema;
}

export const arr = (items: Schema, extra: Extra = {}): Schema => ({ type: 'array', items, ...extra });
export const strings = (extra: Extra = {}): Schema => arr(str(), extra);

/** A map with arbitrary keys and values of one schema. */
export const mapOf = (values: Schema, extra: Extra = {}): Schema => ({ type: 'object', additionalProperties: values, ...extra });
export const stringMap = (extra: Extra = {}): Schema => mapOf(str(), extra);

/** A genuinely free-form object (Helm values, chart extraArgs, copied third-party status). */
export const freeObject = (extra: Extra = {}): Schema => ({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, ...extra });

/** Any JSON value (apiextensions JSON): string, number, object or list. */
export const anyValue = (extra: Extra = {}): Schema => ({ 'x-kubernetes-preserve-unknown-fields': true, ...extra });

export const intOrString = (extra: Extra = {}): Schema => ({
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  'x-kubernetes-int-or-string': true,
  ...extra,
});

/** A resource.Quantity, as the Kubernetes OpenAPI describes it. */
export const quantity = (extra: Extra = {}): Schema =>
  intOrString({
    pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
    ...extra,
  });

/** A metav1.Duration as Flux writes it: "5m", "1h30m", "500ms". */
export const goDuration = (extra: Extra = {}): Schema => str({ pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$', ...extra });

/** A free-text duration that may also use days or weeks ("7d", "72h", "4w"). */
export const looseDuration = (extra: Extra = {}): Schema => str({ pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d|w|y))+$', ...extra });

/** Marks a list as a set of scalars or a map keyed by the given fields (server-side apply). */
export function listMap(schema: Schema, keys: string[]): Schema {
  return { ...schema, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': keys };
}
