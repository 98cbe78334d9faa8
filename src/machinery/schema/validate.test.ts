import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusCause } from '../errors.js';
import { widgetSchema } from './testdata.js';
import type { JSONSchemaProps } from './types.js';
import { applyDefaults, dropNullsForNonNullable } from './defaults.js';
import { pruneUnknownFields } from './prune.js';
import { validateValue } from './validate.js';

const widget = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  spec: { size: 1, ...spec },
  ...extra,
});

const invalid = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message });
const typeInvalid = (field: string, message: string): StatusCause => ({ reason: 'FieldValueTypeInvalid', field, message });
const required = (field: string): StatusCause => ({ reason: 'FieldValueRequired', field, message: 'Required value' });
const duplicate = (field: string, message: string): StatusCause => ({ reason: 'FieldValueDuplicate', field, message });

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const widgetCases: { name: string; value: unknown; want: StatusCause[] }[] = [
  {
    name: 'a valid widget',
    value: widget({
      size: 3, ratio: 0.5, replicas: 4, color: 'blue', name: 'web-1', port: '50%', email: 'Ops <ops@example.com>',
      started: '2024-02-29T10:00:00.5+02:00', id: '123e4567-e89b-12d3-a456-426614174000', note: null, flag: true,
      tags: ['a', 'b'], ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }],
      containers: [{ name: 'c', env: [{ name: 'A', value: '1' }] }], labels: { a: 'x' },
      template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' } }, spec: { anything: true } },
      extra: { anything: { goes: [1, 'two'] }, known: { a: 1 } },
    }, { status: { conditions: [{ type: 'Ready', reason: 'A' }, { type: 'Ready', reason: 'B' }] } }),
    want: [],
  },
  { name: 'missing required field', value: { spec: {} }, want: [required('spec.size')] },
  { name: 'string for integer', value: widget({ size: 'big' }), want: [typeInvalid('spec.size', 'Invalid value: "string": spec.size in body must be of type integer: "string"')] },
  { name: 'fraction for int32 names the format', value: widget({ size: 1.5 }), want: [typeInvalid('spec.size', 'Invalid value: "float64": spec.size in body must be of type int32: "float64"')] },
  { name: 'below minimum', value: widget({ size: 0 }), want: [invalid('spec.size', 'Invalid value: 0: spec.size in body should be greater than or equal to 1')] },
  { name: 'above maximum', value: widget({ size: 101 }), want: [invalid('spec.size', 'Invalid value: 101: spec.size in body should be less than or equal to 100')] },
  { name: 'exclusive minimum', value: widget({ ratio: 0 }), want: [invalid('spec.ratio', 'Invalid value: 0: spec.ratio in body should be greater than 0')] },
  { name: 'fractional multipleOf', value: widget({ ratio: 0.3 }), want: [invalid('spec.ratio', 'Invalid value: 0.3: spec.ratio in body should be a multiple of 0.25')] },
  { name: 'integer above float maximum', value: widget({ ratio: 2 }), want: [invalid('spec.ratio', 'Invalid value: 2: spec.ratio in body should be less than or equal to 1')] },
  { name: 'integer multipleOf', value: widget({ replicas: 3 }), want: [invalid('spec.replicas', 'Invalid value: 3: spec.replicas in body should be a multiple of 2')] },
  {
    name: 'value outside enum',
    value: widget({ color: 'pink' }),
    want: [{ reason: 'FieldValueNotSupported', field: 'spec.color', message: 'Unsupported value: "pink": supported values: "red", "green", "blue"' }],
  },
  { name: 'too short (pattern not checked)', value: widget({ name: 'A' }), want: [invalid('spec.name', 'Invalid value: "A": spec.name in body should be at least 2 chars long')] },
  { name: 'pattern mismatch', value: widget({ name: 'Abc' }), want: [invalid('spec.name', `Invalid value: "Abc": spec.name in body should match '^[a-z][a-z0-9-]*$'`)] },
  { name: 'too long', value: widget({ name: 'abcdefghij' }), want: [{ reason: 'FieldValueTooLong', field: 'spec.name', message: 'Too long: may not be more than 8 bytes' }] },
  { name: 'length counts characters', value: widget({ name: 'ééééé' }), want: [invalid('spec.name', `Invalid value: "ééééé": spec.name in body should match '^[a-z][a-z0-9-]*$'`)] },
  {
    name: 'int-or-string given a boolean',
    value: widget({ port: true }),
    want: [
      typeInvalid('spec.port', 'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"'),
      { reason: 'FieldValueInvalid', message: 'Invalid value: "": "spec.port" must validate at least one schema (anyOf)' },
      typeInvalid('spec.port', 'Invalid value: "boolean": spec.port in body must be of type integer: "boolean"'),
    ],
  },
  { name: 'int-or-string integer', value: widget({ port: 8080 }), want: [] },
  { name: 'int-or-string pattern', value: widget({ port: 'abc' }), want: [invalid('spec.port', `Invalid value: "abc": spec.port in body should match '^[0-9]+%?$'`)] },
  { name: 'email format', value: widget({ email: 'not-an-email' }), want: [typeInvalid('spec.email', 'Invalid value: "not-an-email": spec.email in body must be of type email: "not-an-email"')] },
  {
    name: 'date-time format (no 30th of February)',
    value: widget({ started: '2024-02-30T10:00:00Z' }),
    want: [typeInvalid('spec.started', 'Invalid value: "2024-02-30T10:00:00Z": spec.started in body must be of type date-time: "2024-02-30T10:00:00Z"')],
  },
  { name: 'uuid format', value: widget({ id: 'xyz' }), want: [typeInvalid('spec.id', 'Invalid value: "xyz": spec.id in body must be of type uuid: "xyz"')] },
  { name: 'null for a non-nullable field', value: widget({ flag: null }), want: [typeInvalid('spec.flag', 'Invalid value: "null": spec.flag in body must be of type boolean: "null"')] },
  { name: 'too few items', value: widget({ tags: [] }), want: [invalid('spec.tags', 'Invalid value: 0: spec.tags in body should have at least 1 items')] },
  {
    name: 'too many items, then set duplicates',
    value: widget({ tags: ['a', 'b', 'a', 'b'] }),
    want: [
      { reason: 'FieldValueTooMany', field: 'spec.tags', message: 'Too many: 4: must have at most 3 items' },
      duplicate('spec.tags[2]', 'Duplicate value: "a"'),
      duplicate('spec.tags[3]', 'Duplicate value: "b"'),
    ],
  },
  {
    name: 'list-map duplicate key',
    value: widget({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }),
    want: [duplicate('spec.ports[1]', 'Duplicate value: map[string]interface {}{"name":"http"}')],
  },
  {
    name: 'list-map with compound keys',
    value: widget({}, { status: { conditions: [{ type: 'Ready', reason: 'A' }, { type: 'Ready', reason: 'A', status: 'x' }] } }),
    want: [duplicate('status.conditions[1]', 'Duplicate value: map[string]interface {}{"reason":"A", "type":"Ready"}')],
  },
  {
    name: 'array of objects: property errors, then required',
    value: widget({ ports: [{ port: 0 }] }),
    want: [invalid('spec.ports[0].port', 'Invalid value: 0: spec.ports[0].port in body should be greater than or equal to 1'), required('spec.ports[0].name')],
  },
  {
    name: 'nested arrays',
    value: widget({ containers: [{ image: 'x', env: [{ name: 1 }] }] }),
    want: [
      typeInvalid('spec.containers[0].env[0].name', 'Invalid value: "integer": spec.containers[0].env[0].name in body must be of type string: "integer"'),
      required('spec.containers[0].name'),
    ],
  },
  {
    name: 'too many properties stops the object checks',
    value: widget({ labels: { a: '1', b: '2', c: 'toolong' } }),
    want: [{ reason: 'FieldValueTooMany', field: 'spec.labels', message: 'Too many: 3: must have at most 2 items' }],
  },
  { name: 'map values are named with a dot', value: widget({ labels: { a: 'toolong' } }), want: [{ reason: 'FieldValueTooLong', field: 'spec.labels.a', message: 'Too long: may not be more than 5 bytes' }] },
  { name: 'embedded resource needs apiVersion and kind', value: widget({ template: {} }), want: [required('spec.template.apiVersion'), required('spec.template.kind')] },
  {
    name: 'embedded resource with bad type meta and metadata',
    value: widget({ template: { apiVersion: 'a/b/c', kind: 'my_kind', metadata: { name: 'x/y' } } }),
    want: [
      invalid('spec.template.apiVersion', 'Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c'),
      invalid('spec.template.kind', `Invalid value: "my_kind": may have mixed case, but should otherwise match: ${DNS1035}`),
      invalid('spec.template.metadata.name', `Invalid value: "x/y": may not contain '/'`),
    ],
  },
  {
    name: 'embedded metadata that does not decode',
    value: widget({ workload: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 3 } } }),
    want: [invalid('spec.workload.metadata', 'Invalid value: map[string]interface {}{"name":3}: json: cannot unmarshal number into Go struct field ObjectMeta.name of type string')],
  },
  { name: 'unknown fields are not validation errors', value: widget({ unknown: 1, extra: { whatever: [] } }), want: [] },
  { name: 'root of the wrong type', value: 'x', want: [{ reason: 'FieldValueTypeInvalid', message: 'Invalid value: "string":  in body must be of type object: "string"' }] },
];

for (const c of widgetCases) test(`widget: ${c.name}`, () => assert.deepEqual(validateValue(c.value, widgetSchema), c.want));

const small: { name: string; value: unknown; schema: JSONSchemaProps; want: StatusCause[] }[] = [
  {
    name: 'oneOf with two matches',
    value: 5,
    schema: { type: 'integer', oneOf: [{ minimum: 0 }, { maximum: 10 }] },
    want: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "": "spec.n" must validate one and only one schema (oneOf). Found 2 valid alternatives' }],
  },
  {
    name: 'allOf with none valid',
    value: 2,
    schema: { type: 'integer', allOf: [{ minimum: 3 }, { maximum: 1 }] },
    want: [
      invalid('spec.n', 'Invalid value: 2: spec.n in body should be greater than or equal to 3'),
      invalid('spec.n', 'Invalid value: 2: spec.n in body should be less than or equal to 1'),
      { reason: 'FieldValueInvalid', message: 'Invalid value: "": "spec.n" must validate all the schemas (allOf). None validated' },
    ],
  },
  { name: 'not', value: 1, schema: { type: 'integer', not: { enum: [1] } }, want: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "": "spec.n" must not validate the schema (not)' }] },
  {
    name: 'additionalProperties false',
    value: { a: 'x', b: 1 },
    schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
    want: [invalid('spec.n', 'Invalid value: "b": spec.n.b in body is a forbidden property')],
  },
  { name: 'uniqueItems', value: [{ a: 1 }, { a: 1 }], schema: { type: 'array', uniqueItems: true }, want: [invalid('spec.n', `Invalid value: "": spec.n in body shouldn't contain duplicates`)] },
  { name: 'minProperties', value: {}, schema: { type: 'object', minProperties: 1 }, want: [invalid('spec.n', 'Invalid value: 0: spec.n in body should have at least 1 properties')] },
  {
    name: 'null never matches an enum',
    value: null,
    schema: { type: 'string', nullable: true, enum: ['a'] },
    want: [{ reason: 'FieldValueNotSupported', field: 'spec.n', message: 'Unsupported value: "null": supported values: "a"' }],
  },
  {
    name: 'non-string enum values are listed as JSON',
    value: 3,
    schema: { type: 'integer', enum: [1, 2] },
    want: [{ reason: 'FieldValueNotSupported', field: 'spec.n', message: 'Unsupported value: 3: supported values: "1", "2"' }],
  },
  {
    name: 'floats print like Go',
    value: 2000000.5,
    schema: { type: 'number', maximum: 1000000 },
    want: [invalid('spec.n', 'Invalid value: 2.0000005e+06: spec.n in body should be less than or equal to 1e+06')],
  },
  { name: 'integer bound truncated for integer data', value: 1, schema: { type: 'integer', minimum: 1.5 }, want: [] },
  { name: '3.0 is an integer', value: 3.0, schema: { type: 'integer' }, want: [] },
  { name: 'integer accepted as number', value: 3, schema: { type: 'number', format: 'double' }, want: [] },
  { name: 'Go-style case-insensitive pattern', value: 'ABC', schema: { type: 'string', pattern: '(?i)^abc$' }, want: [] },
  { name: 'unknown formats pass', value: 'anything', schema: { type: 'string', format: 'k8s-unknown' }, want: [] },
  { name: 'int32 range is not enforced (as upstream)', value: 2 ** 40, schema: { type: 'integer', format: 'int32' }, want: [] },
  {
    name: 'embedded resources inside a map are named with brackets',
    value: { a: { kind: 'Pod' } },
    schema: { type: 'object', additionalProperties: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } },
    want: [required('spec.n[a].apiVersion')],
  },
  { name: 'preserve-unknown-fields without type accepts anything', value: [1, { a: null }], schema: { 'x-kubernetes-preserve-unknown-fields': true }, want: [] },
];

for (const c of small) test(`schema: ${c.name}`, () => assert.deepEqual(validateValue(c.value, c.schema, 'spec.n'), c.want));

test('an invalid pattern is reported with the compile error', () => {
  const [cause] = validateValue('x', { type: 'string', pattern: '(' }, 'spec.n');
  assert.equal(cause?.field, 'spec.n');
  assert.match(cause?.message ?? '', /^Invalid value: "x": spec\.n in body should match '\(, but pattern is invalid: .+'$/);
});

test('the write pipeline in upstream order: prune, drop nulls, default, validate', () => {
  const body = widget({ bogus: 1, note: null, flag: null, ports: [{ name: 'http', port: 80, x: 1 }] });
  assert.deepEqual(pruneUnknownFields(body, widgetSchema, { isResourceRoot: true }), ['spec.bogus', 'spec.ports[0].x']);
  dropNullsForNonNullable(body, widgetSchema);
  applyDefaults(body, widgetSchema);
  assert.deepEqual(body.spec, { size: 1, note: null, ports: [{ name: 'http', port: 80, protocol: 'TCP' }], replicas: 2, color: 'red' });
  assert.deepEqual(validateValue(body, widgetSchema), []);
});

test('validation does not modify the value', () => {
  const value = widget({ tags: ['a', 'a'], unknown: 1 });
  const before = JSON.stringify(value);
  validateValue(value, widgetSchema);
  assert.equal(JSON.stringify(value), before);
});
