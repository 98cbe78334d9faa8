import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults, dropNullsForNonNullable } from './defaults.js';
import { widgetSchema } from './testdata.js';
import type { JSONSchemaProps } from './types.js';

const cases: { name: string; value: unknown; schema?: JSONSchemaProps; want: unknown }[] = [
  { name: 'missing properties get defaults', value: { spec: { size: 1 } }, want: { spec: { size: 1, replicas: 2, color: 'red' } } },
  { name: 'present values are kept', value: { spec: { size: 1, replicas: 6, color: 'blue' } }, want: { spec: { size: 1, replicas: 6, color: 'blue' } } },
  { name: 'a missing parent object is not created', value: {}, want: {} },
  { name: 'null of a non-nullable property is defaulted', value: { spec: { size: 1, replicas: null } }, want: { spec: { size: 1, replicas: 2, color: 'red' } } },
  {
    name: 'defaults inside arrays of objects and nested arrays',
    value: { spec: { size: 1, ports: [{ name: 'a' }, { name: 'b', protocol: 'UDP' }], containers: [{ name: 'c', env: [{ name: 'A' }, { name: 'B', value: 'x' }] }] } },
    want: {
      spec: {
        size: 1,
        replicas: 2,
        color: 'red',
        ports: [{ name: 'a', protocol: 'TCP' }, { name: 'b', protocol: 'UDP' }],
        containers: [{ name: 'c', resources: { cpu: '100m' }, env: [{ name: 'A', value: '' }, { name: 'B', value: 'x' }] }],
      },
    },
  },
  {
    name: 'a defaulted object is itself defaulted',
    value: { spec: { size: 1, containers: [{ name: 'c' }] } },
    want: { spec: { size: 1, replicas: 2, color: 'red', containers: [{ name: 'c', resources: { cpu: '100m' } }] } },
  },
  {
    name: 'null array items take the items default',
    value: [null, 'x'],
    schema: { type: 'array', items: { type: 'string', default: 'd' } },
    want: ['d', 'x'],
  },
  {
    name: 'additionalProperties values are defaulted',
    value: { m: { a: null, b: { keep: 1 } } },
    schema: { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'object', default: { x: 1 }, properties: { y: { type: 'integer', default: 5 } } } } } },
    want: { m: { a: { x: 1, y: 5 }, b: { keep: 1, y: 5 } } },
  },
  { name: 'nullable nulls stay null', value: { a: null }, schema: { type: 'object', properties: { a: { type: 'string', nullable: true, default: 'x' } } }, want: { a: null } },
  { name: 'default: null means no default', value: {}, schema: { type: 'object', properties: { a: { type: 'string', default: null } } }, want: {} },
];

for (const c of cases) {
  test(c.name, () => {
    applyDefaults(c.value, c.schema ?? widgetSchema);
    assert.deepEqual(c.value, c.want);
  });
}

test('defaults are deep copies', () => {
  const schema: JSONSchemaProps = { type: 'object', properties: { a: { type: 'object', default: { list: [1] } } } };
  const first: Record<string, { list: number[] }> = {};
  const second: Record<string, { list: number[] }> = {};
  applyDefaults(first, schema);
  applyDefaults(second, schema);
  first.a?.list.push(2);
  assert.deepEqual(second, { a: { list: [1] } });
  assert.deepEqual(schema.properties?.a?.default, { list: [1] });
});

const nullCases: { name: string; value: unknown; schema: JSONSchemaProps; want: unknown }[] = [
  {
    name: 'drops nulls of non-nullable fields without default',
    value: { a: null, b: null, c: null, d: { e: null } },
    schema: {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'string', nullable: true },
        c: { type: 'string', default: 'x' },
        d: { type: 'object', properties: { e: { type: 'integer' } } },
      },
    },
    want: { b: null, c: null, d: {} },
  },
  {
    name: 'keeps nulls in arrays and unknown fields',
    value: { list: [null, { x: null }], unknown: null },
    schema: { type: 'object', properties: { list: { type: 'array', items: { type: 'object', properties: { x: { type: 'string' } } } } } },
    want: { list: [null, {}], unknown: null },
  },
  {
    name: 'map values follow additionalProperties',
    value: { m: { a: null } },
    schema: { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'string' } } } },
    want: { m: {} },
  },
];

for (const c of nullCases) {
  test(c.name, () => {
    dropNullsForNonNullable(c.value, c.schema);
    assert.deepEqual(c.value, c.want);
  });
}
