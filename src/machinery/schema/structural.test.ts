import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusCause } from '../errors.js';
import { checkStructuralSchema } from './structural.js';
import { widgetSchema } from './testdata.js';
import type { JSONSchemaProps } from './types.js';

const P = 'spec.versions[0].schema.openAPIV3Schema';
const root = (properties: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'object', properties, ...extra });
const cause = (reason: string, field: string, message: string): StatusCause => ({ reason, field, message });

const listMapItems: JSONSchemaProps = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };

const cases: { name: string; schema: JSONSchemaProps; want: StatusCause[] }[] = [
  { name: 'the widget schema is structural', schema: widgetSchema, want: [] },
  {
    name: 'a field without type',
    schema: root({ spec: { properties: { a: { type: 'string' } } } }),
    want: [cause('FieldValueRequired', `${P}.properties[spec].type`, 'Required value: must not be empty for specified object fields')],
  },
  {
    name: 'array items without type',
    schema: root({ l: { type: 'array', items: {} } }),
    want: [cause('FieldValueRequired', `${P}.properties[l].items.type`, 'Required value: must not be empty for specified array items')],
  },
  { name: 'array without items', schema: root({ l: { type: 'array' } }), want: [cause('FieldValueRequired', `${P}.properties[l].items`, 'Required value: must be specified')] },
  { name: 'root must be an object', schema: { type: 'array', items: { type: 'string' } }, want: [cause('FieldValueInvalid', `${P}.type`, 'Invalid value: "array": must be object at the root')] },
  {
    name: 'additionalProperties with properties',
    schema: root({ m: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } } }),
    want: [cause('FieldValueForbidden', `${P}.properties[m].additionalProperties`, 'Forbidden: additionalProperties and properties are mutual exclusive')],
  },
  {
    name: 'additionalProperties at the root',
    schema: { type: 'object', additionalProperties: { type: 'string' } },
    want: [cause('FieldValueForbidden', `${P}.additionalProperties`, 'Forbidden: must not be used at the root')],
  },
  {
    name: 'uniqueItems',
    schema: root({ l: { type: 'array', items: { type: 'string' }, uniqueItems: true } }),
    want: [cause('FieldValueForbidden', `${P}.properties[l].uniqueItems`, 'Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic')],
  },
  {
    name: 'metadata may only restrict name and generateName',
    schema: root({ metadata: { type: 'object', properties: { labels: { type: 'object' } } } }),
    want: [cause('FieldValueForbidden', `${P}.properties[metadata]`, 'Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified')],
  },
  { name: 'metadata restricting the name', schema: root({ metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } } }), want: [] },
  {
    name: 'default in top-level metadata',
    schema: root({ metadata: { type: 'object', default: {} } }),
    want: [cause('FieldValueForbidden', `${P}.properties[metadata].default`, 'Forbidden: must not be set in top-level metadata')],
  },
  {
    name: 'default of the wrong type',
    schema: root({ a: { type: 'integer', default: 'x' } }),
    want: [cause('FieldValueTypeInvalid', `${P}.properties[a].default`, 'Invalid value: "string":  in body must be of type integer: "string"')],
  },
  {
    name: 'default with unknown fields',
    schema: root({ o: { type: 'object', properties: { a: { type: 'integer' } }, default: { a: 1, b: 2 } } }),
    want: [cause('FieldValueInvalid', `${P}.properties[o].default`, 'Invalid value: map[string]interface {}{"a":1, "b":2}: must not have unknown fields')],
  },
  {
    name: 'default failing a nested bound',
    schema: root({ o: { type: 'object', properties: { a: { type: 'integer', minimum: 5 } }, default: { a: 1 } } }),
    want: [cause('FieldValueInvalid', `${P}.properties[o].default.a`, 'Invalid value: 1: a in body should be greater than or equal to 5')],
  },
  {
    name: 'default inside array items',
    schema: root({ l: { type: 'array', items: { type: 'object', properties: { p: { type: 'string', enum: ['a'], default: 'b' } } } } }),
    want: [cause('FieldValueNotSupported', `${P}.properties[l].items.properties[p].default`, 'Unsupported value: "b": supported values: "a"')],
  },
  {
    name: 'list-map keys that are not item properties',
    schema: root({ l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['k'], items: listMapItems } }),
    want: [cause('FieldValueInvalid', `${P}.properties[l].x-kubernetes-list-map-keys`, 'Invalid value: []string{"k"}: entries must all be names of item properties')],
  },
  {
    name: 'list-map keys without list type',
    schema: root({ l: { type: 'array', 'x-kubernetes-list-map-keys': ['name'], items: listMapItems } }),
    want: [cause('FieldValueRequired', `${P}.properties[l].x-kubernetes-list-type`, 'Required value: must be map if x-kubernetes-list-map-keys is non-empty')],
  },
  {
    name: 'list type map without keys',
    schema: root({ l: { type: 'array', 'x-kubernetes-list-type': 'map', items: listMapItems } }),
    want: [cause('FieldValueRequired', `${P}.properties[l].x-kubernetes-list-map-keys`, 'Required value: must not be empty if x-kubernetes-list-type is map')],
  },
  {
    name: 'list type on an object',
    schema: root({ o: { type: 'object', 'x-kubernetes-list-type': 'set' } }),
    want: [cause('FieldValueInvalid', `${P}.properties[o].type`, 'Invalid value: "object": must be array if x-kubernetes-list-type is specified')],
  },
  {
    name: 'list-map key neither required nor defaulted',
    schema: root({ l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' } } } } }),
    want: [
      cause(
        'FieldValueRequired',
        `${P}.properties[l].items.properties[name].default`,
        'Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
      ),
    ],
  },
  {
    name: 'set of objects must be atomic',
    schema: root({ l: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', properties: { a: { type: 'string' } } } } }),
    want: [cause('FieldValueInvalid', `${P}.properties[l].items.x-kubernetes-map-type`, 'Invalid value: "null": must be atomic as item of a list with x-kubernetes-list-type=set')],
  },
  {
    name: 'types under a junctor',
    schema: root({ a: { type: 'string', anyOf: [{ type: 'string', maxLength: 3 }] } }),
    want: [cause('FieldValueForbidden', `${P}.properties[a].anyOf[0].type`, 'Forbidden: must be empty to be structural')],
  },
  {
    name: 'a field only mentioned under allOf',
    schema: { type: 'object', properties: {}, allOf: [{ properties: { spec: { required: ['a'] } } }] },
    want: [cause('FieldValueRequired', `${P}.properties[spec]`, `Required value: because it is defined in ${P}.allOf[0].properties[spec]`)],
  },
  { name: 'the int-or-string anyOf pattern', schema: root({ p: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } }), want: [] },
  {
    name: 'embedded resource without properties',
    schema: root({ e: { type: 'object', 'x-kubernetes-embedded-resource': true } }),
    want: [
      cause('FieldValueRequired', `${P}.properties[e].properties`, 'Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'),
    ],
  },
  {
    name: 'preserve-unknown-fields false',
    schema: root({ o: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false } }),
    want: [cause('FieldValueInvalid', `${P}.properties[o].x-kubernetes-preserve-unknown-fields`, 'Invalid value: false: must be true or undefined')],
  },
  {
    name: 'nullable root and unsupported types',
    schema: { type: 'object', nullable: true, properties: { n: { type: 'null' as unknown as 'string' } } },
    want: [
      cause('FieldValueForbidden', `${P}.nullable`, 'Forbidden: nullable cannot be true at the root'),
      cause('FieldValueNotSupported', `${P}.properties[n].type`, 'Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string"'),
      cause('FieldValueForbidden', `${P}.properties[n].type`, 'Forbidden: type cannot be set to null, use nullable as an alternative'),
    ],
  },
  {
    name: 'empty validation rule',
    schema: root({ a: { type: 'string', 'x-kubernetes-validations': [{ rule: ' ' }] } }),
    want: [cause('FieldValueRequired', `${P}.properties[a].x-kubernetes-validations[0].rule`, 'Required value: rule is not specified')],
  },
  {
    name: 'structural errors are sorted',
    schema: root({ z: {}, a: {}, m: { type: 'array' } }),
    want: [
      cause('FieldValueRequired', `${P}.properties[a].type`, 'Required value: must not be empty for specified object fields'),
      cause('FieldValueRequired', `${P}.properties[m].items`, 'Required value: must be specified'),
      cause('FieldValueRequired', `${P}.properties[z].type`, 'Required value: must not be empty for specified object fields'),
    ],
  },
  {
    name: 'defaults are not checked while the schema is not structural',
    schema: root({ a: {}, b: { type: 'integer', default: 'x' } }),
    want: [cause('FieldValueRequired', `${P}.properties[a].type`, 'Required value: must not be empty for specified object fields')],
  },
];

for (const c of cases) test(c.name, () => assert.deepEqual(checkStructuralSchema(c.schema, P), c.want));

test('an invalid pattern', () => {
  const [got] = checkStructuralSchema(root({ a: { type: 'string', pattern: '(' } }), P);
  assert.equal(got?.field, `${P}.properties[a].pattern`);
  assert.match(got?.message ?? '', /^Invalid value: "\(": must be a valid regular expression, but isn't: /);
});

const malformed: { name: string; schema: unknown; want: StatusCause[] }[] = [
  {
    name: 'keyword of the wrong type',
    schema: { type: 'object', properties: { a: { type: 'string', required: 'a', maxLength: '3' } } },
    want: [
      cause('FieldValueInvalid', `${P}.properties[a].required`, 'Invalid value: "a": must be a list of strings'),
      cause('FieldValueInvalid', `${P}.properties[a].maxLength`, 'Invalid value: "3": must be a number'),
    ],
  },
  {
    name: 'properties that are not schemas',
    schema: { type: 'object', properties: { a: 'string' } },
    want: [cause('FieldValueInvalid', `${P}.properties`, 'Invalid value: map[string]interface {}{"a":"string"}: must be a map of schema objects')],
  },
  {
    name: 'items as a list stops the structural checks',
    schema: { type: 'object', properties: { l: { type: 'array', items: [{ type: 'string' }] } } },
    want: [cause('FieldValueForbidden', `${P}.properties[l].items`, 'Forbidden: items must be a schema object and not an array')],
  },
  {
    name: '$ref is not supported',
    schema: { type: 'object', properties: { a: { $ref: '#/definitions/x' } } },
    want: [cause('FieldValueForbidden', `${P}.properties[a].$ref`, 'Forbidden: $ref is not supported')],
  },
];

for (const c of malformed) test(c.name, () => assert.deepEqual(checkStructuralSchema(c.schema as JSONSchemaProps, P), c.want));
