import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goJson } from './go-json.js';

test("goJson writes values as Go's encoder does: keys sorted, <, > and & escaped, the same on every call", () => {
  const long = `<${'x'.repeat(300)}&>`;
  for (let i = 0; i < 3; i++) {
    assert.equal(goJson('Ready'), '"Ready"');
    assert.equal(goJson('a<b>&"c"\u2028\u2029'), '"a\\u003cb\\u003e\\u0026\\"c\\"\\u2028\\u2029"');
    assert.equal(goJson(long), `"\\u003c${'x'.repeat(300)}\\u0026\\u003e"`);
    assert.equal(goJson({ b: 1, a: ['<', true, null] }), '{"a":["\\u003c",true,null],"b":1}');
    assert.equal(goJson({ b: 1, a: { d: '<&>', c: [2, { z: null, y: true }] } }), '{"a":{"c":[2,{"y":true,"z":null}],"d":"\\u003c\\u0026\\u003e"},"b":1}');
    assert.equal(goJson({ 'k<': 1 }), '{"k\\u003c":1}');
    assert.equal(goJson(''), '""');
  }
});

test('goJson prints numbers as Go prints the int64 or float64 it decodes them into', () => {
  assert.equal(goJson(1.5), '1.5');
  assert.equal(goJson(80), '80');
  assert.equal(goJson(-0), '0');
  assert.equal(goJson(2 ** 60), '1152921504606846976');
  assert.equal(goJson(1e21), '1e+21');
  assert.equal(goJson(1e-7), '1e-7');
});

test('goJson leaves out undefined members, as the stored object would, and writes undefined elsewhere as null', () => {
  assert.equal(goJson({ a: undefined, b: 'x' }), '{"b":"x"}');
  assert.equal(goJson([undefined, 1]), '[null,1]');
  assert.equal(goJson(undefined), 'null');
  assert.equal(goJson(null), 'null');
});

test('goJson agrees with JSON.stringify of the key-sorted value on random JSON', () => {
  // Built as text: an object would enumerate integer-like keys ("0") first whatever their order.
  const sortedJson = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  };
  const escape = (s: string): string => s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = ['a', 'b', 'z', 'A', '<', '>', '&', '"', '\\', '\n', 'é', '\u2028', '☃', '0'];
  const text = (): string => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const value = (depth: number): unknown => {
    const pick = Math.floor(random() * (depth > 3 ? 4 : 6));
    if (pick === 0) return text();
    if (pick === 1) return Math.round((random() - 0.5) * 1e6) / (random() < 0.5 ? 1 : 1000);
    if (pick === 2) return random() < 0.5;
    if (pick === 3) return null;
    if (pick === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [text(), value(depth + 1)]));
  };
  for (let i = 0; i < 500; i++) {
    const v = value(0);
    assert.equal(goJson(v), escape(sortedJson(v)), JSON.stringify(v));
  }
});
