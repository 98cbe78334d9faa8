import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QUANTITY_PATTERN } from '../quantity.js';
import { canonicalizeQuantities } from './quantities.js';
import type { JSONSchemaProps } from './types.js';

const quantity: JSONSchemaProps = { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true, pattern: QUANTITY_PATTERN };
const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    resources: { type: 'object', properties: { limits: { type: 'object', additionalProperties: quantity } } },
    sizes: { type: 'array', items: quantity },
    port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
    name: { type: 'string' },
  },
};

test('quantities the schema declares are rewritten in place; other int-or-string fields and text that is no quantity are not', () => {
  // Parsed, so that __proto__ is an own member as in a request body.
  const value = JSON.parse('{"resources":{"limits":{"cpu":0.5,"memory":"1.5Gi","__proto__":"1000m","bad":"lots"}},"sizes":[1000,"2048Mi"],"port":1000,"name":"1000m"}') as { resources: { limits: object } };
  canonicalizeQuantities(value, schema);
  assert.deepEqual(value, JSON.parse('{"resources":{"limits":{"cpu":"500m","memory":"1536Mi","__proto__":"1","bad":"lots"}},"sizes":["1k","2Gi"],"port":1000,"name":"1000m"}'));
  assert.equal(Object.getPrototypeOf(value.resources.limits), Object.prototype);
});

test('a schema without quantities leaves the value alone', () => {
  const value = { data: { a: 1 } };
  canonicalizeQuantities(value, { type: 'object', properties: { data: { type: 'object', additionalProperties: { type: 'integer' } } } });
  assert.deepEqual(value, { data: { a: 1 } });
});
