import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloneJsonValue } from './clone.js';

test('a copy is what a JSON round trip gives: undefined members dropped, undefined items null', () => {
  const source = { a: 1, b: undefined, c: [1, undefined, { d: 'x' }], e: { f: null } };
  const copy = cloneJsonValue(source);
  assert.deepEqual(copy, JSON.parse(JSON.stringify(source)));
  assert.notEqual(copy.c, source.c);
  assert.notEqual(copy.e, source.e);
});

test('members named like Object members are copied as data', () => {
  const source = JSON.parse('{"data":{"__proto__":"p","constructor":"c","k":"v"}}') as { data: Record<string, unknown> };
  const copy = cloneJsonValue(source);
  assert.equal(Object.getPrototypeOf(copy.data), Object.prototype);
  assert.equal(JSON.stringify(copy), '{"data":{"__proto__":"p","constructor":"c","k":"v"}}');
});
