import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepClone, deepEqual, equalExcept } from './deep.js';

test('deepEqual compares JSON trees by value, whatever the key order', () => {
  assert.ok(deepEqual({ a: 1, b: { c: [1, { d: 'x' }] } }, { b: { c: [1, { d: 'x' }] }, a: 1 }));
  assert.ok(deepEqual([], []));
  assert.ok(deepEqual(null, null));
  assert.ok(!deepEqual({ a: 1 }, { a: 1, b: 2 }), 'a key more on the right');
  assert.ok(!deepEqual({ a: 1, b: 2 }, { a: 1 }), 'a key more on the left');
  assert.ok(!deepEqual({ a: undefined }, {}), 'a key present but undefined is not a missing key');
  assert.ok(!deepEqual({ a: 1, b: undefined }, { a: 1, c: undefined }), 'same count, different keys');
  assert.ok(!deepEqual({ 0: 'x' }, ['x']), 'an array is not an object with index keys');
  assert.ok(!deepEqual(['x'], { 0: 'x' }));
  assert.ok(!deepEqual([1, 2], [2, 1]), 'arrays are ordered');
  assert.ok(!deepEqual({ a: null }, { a: {} }));
  assert.ok(!deepEqual({ a: '1' }, { a: 1 }));
});

test('equalExcept ignores the named top-level fields and takes a missing field as undefined', () => {
  const ignored = new Set(['status']);
  assert.ok(equalExcept({ spec: { x: 1 }, status: { a: 1 } }, { status: { a: 2 }, spec: { x: 1 } }, ignored));
  assert.ok(equalExcept({ spec: 1, extra: undefined }, { spec: 1 }, ignored));
  assert.ok(equalExcept({ spec: 1 }, { spec: 1, extra: undefined }, ignored));
  assert.ok(!equalExcept({ spec: 1 }, { spec: 1, extra: 0 }, ignored), 'a field only on the right');
  assert.ok(!equalExcept({ spec: 1, extra: 0 }, { spec: 1 }, ignored), 'a field only on the left');
  assert.ok(!equalExcept({ spec: { x: 1 } }, { spec: { x: 2 } }, ignored));
});

test('deepClone copies every level and shares nothing', () => {
  const source = { a: [1, { b: 'c' }], d: { e: null } };
  const copy = deepClone(source);
  assert.deepEqual(copy, source);
  assert.notEqual(copy.a, source.a);
  assert.notEqual(copy.a[1], source.a[1]);
  assert.notEqual(copy.d, source.d);
});

test('deepClone keeps a key __proto__ from parsed JSON an own key at every level, never a prototype', () => {
  const parsed = JSON.parse('{"spec":{"__proto__":{"polluted":true},"list":[{"__proto__":"x"}]}}') as { spec: Record<string, unknown> };
  const copy = deepClone(parsed);
  assert.equal(Object.getPrototypeOf(copy.spec), Object.prototype);
  assert.equal((copy.spec as { polluted?: boolean }).polluted, undefined);
  assert.deepEqual(Object.keys(copy.spec), ['__proto__', 'list']);
  assert.equal(JSON.stringify(copy), JSON.stringify(parsed));
  assert.notEqual(Object.getOwnPropertyDescriptor(copy.spec, '__proto__')?.value, Object.getOwnPropertyDescriptor(parsed.spec, '__proto__')?.value);
});
