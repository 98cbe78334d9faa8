import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTemplateHash, controllerRevisionHash, fnv32, fnv32a, safeEncodeString } from './hash.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

// Published FNV test vectors (32-bit).
const fnvCases: [string, number, number][] = [
  ['', 0x811c9dc5, 0x811c9dc5],
  ['a', 0x050c5d7e, 0xe40c292c],
  ['foobar', 0x31f0b262, 0xbf9cf968],
];
for (const [input, fnv1, fnv1a] of fnvCases) {
  test(`FNV-1/FNV-1a of ${JSON.stringify(input)}`, () => {
    assert.equal(fnv32(enc(input)), fnv1);
    assert.equal(fnv32a(enc(input)), fnv1a);
  });
}

test('SafeEncodeString maps digits onto the vowel-free alphabet', () => {
  // '0'..'9' are bytes 48..57; modulo 27 they index "4 5 6 7 8 9 b c d f".
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

test('template hashes are stable, key-order independent and move with the collision count', () => {
  const t1 = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
  const t2 = { spec: { containers: [{ image: 'nginx:1.25', name: 'web' }] }, metadata: { labels: { app: 'web' } } };
  const h = computeTemplateHash(t1);
  assert.equal(h, computeTemplateHash(t2));
  assert.match(h, /^[456789bcdf]{1,10}$/);
  assert.notEqual(computeTemplateHash(t1, 1), h);
  assert.notEqual(computeTemplateHash({ ...t1, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } }), h);
  assert.equal(controllerRevisionHash('{"spec":{}}', 0), controllerRevisionHash('{"spec":{}}', 0));
  assert.notEqual(controllerRevisionHash('{"spec":{}}', 0), controllerRevisionHash('{"spec":{}}', 1));
});
