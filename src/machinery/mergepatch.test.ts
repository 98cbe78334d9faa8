import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch, createMergePatch } from './mergepatch.js';

// RFC 7386 Appendix A.
const rfcVectors: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

test('applies RFC 7386 appendix A vectors', () => {
  for (const [target, patch, want] of rfcVectors) assert.deepEqual(applyMergePatch(target, patch), want, JSON.stringify({ target, patch }));
});

test('applyMergePatch never mutates or aliases its inputs', () => {
  const target = { metadata: { labels: { a: '1' } }, spec: { list: [1, 2], keep: { x: 1 } } };
  const patch = { metadata: { labels: { b: '2', a: null } }, spec: { list: [3], added: { y: [1] } } };
  const targetCopy = structuredClone(target);
  const patchCopy = structuredClone(patch);
  const result = applyMergePatch(target, patch) as typeof target & { spec: { added: { y: number[] } } };
  assert.deepEqual(result, { metadata: { labels: { b: '2' } }, spec: { list: [3], keep: { x: 1 }, added: { y: [1] } } });
  assert.deepEqual(target, targetCopy);
  assert.deepEqual(patch, patchCopy);
  result.spec.keep.x = 99;
  result.spec.added.y.push(2);
  assert.deepEqual(target, targetCopy);
  assert.deepEqual(patch, patchCopy);
});

test('createMergePatch produces minimal diffs', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 1 }, { a: 1 }, {}],
    [{ a: 1, b: 2 }, { a: 1 }, { b: null }],
    [{ a: 1 }, { a: 2, c: { d: 1 } }, { a: 2, c: { d: 1 } }],
    [{ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, { a: { c: 3 } }],
    [{ a: { b: 1 } }, { a: { b: 1 } }, {}],
    [{ a: [1, 2] }, { a: [1, 2] }, {}],
    [{ a: [1, 2] }, { a: [2] }, { a: [2] }],
    [{ a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
    [{ a: 'x' }, { a: { b: 1 } }, { a: { b: 1 } }],
    [{ a: { x: 1, y: 2 } }, { a: { y: 2 } }, { a: { x: null } }],
    [[1], { a: 1 }, { a: 1 }],
    [{ a: 1 }, 'scalar', 'scalar'],
  ];
  for (const [original, modified, want] of cases) assert.deepEqual(createMergePatch(original, modified), want, JSON.stringify({ original, modified }));
});

test('applying a created patch reproduces the modified document', () => {
  const pairs: [unknown, unknown][] = [
    [
      { metadata: { name: 'a', labels: { app: 'x', old: 'y' } }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c', image: 'v1' }] } } } },
      { metadata: { name: 'a', labels: { app: 'x', new: 'z' } }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'c', image: 'v2' }] } } } },
    ],
    [{ a: { b: { c: 1 } } }, { a: { b: {} } }],
    [{}, { x: [1, { y: 2 }] }],
  ];
  for (const [original, modified] of pairs) assert.deepEqual(applyMergePatch(original, createMergePatch(original, modified)), modified);
});

test('a member named __proto__ that a patch leaves alone stays data of the result', () => {
  const target = JSON.parse('{"metadata":{"name":"a"},"data":{"__proto__":{"polluted":true},"k":"v"}}') as Record<string, unknown>;
  const result = applyMergePatch(target, { metadata: { labels: { app: 'web' } } }) as { data: Record<string, unknown> };
  assert.equal(Object.getPrototypeOf(result.data), Object.prototype);
  assert.equal((result.data as { polluted?: boolean }).polluted, undefined);
  assert.equal(JSON.stringify(result), '{"metadata":{"name":"a","labels":{"app":"web"}},"data":{"__proto__":{"polluted":true},"k":"v"}}');
});

test('a patch adds, replaces and removes members named like Object members, as data', () => {
  const target = JSON.parse('{"data":{"k":"v","toString":"t"}}') as Record<string, unknown>;
  const patch = JSON.parse('{"data":{"__proto__":{"polluted":true},"constructor":"c","toString":null}}') as Record<string, unknown>;
  const result = applyMergePatch(target, patch) as { data: Record<string, unknown> };
  assert.equal(Object.getPrototypeOf(result.data), Object.prototype);
  assert.equal(JSON.stringify(result), '{"data":{"k":"v","__proto__":{"polluted":true},"constructor":"c"}}');
  assert.equal(JSON.stringify(target), '{"data":{"k":"v","toString":"t"}}', 'the target is left as it was');
});

test('a created patch removes and adds members named like Object members', () => {
  const original = JSON.parse('{"data":{"constructor":"c","k":"v"}}') as Record<string, unknown>;
  const modified = JSON.parse('{"data":{"k":"v","__proto__":"p","toString":"t"}}') as Record<string, unknown>;
  const patch = createMergePatch(original, modified);
  assert.equal(JSON.stringify(patch), '{"data":{"constructor":null,"__proto__":"p","toString":"t"}}');
  assert.equal(JSON.stringify(applyMergePatch(original, patch)), JSON.stringify(modified));
});
