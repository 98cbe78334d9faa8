import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern } from './pattern.js';

const cases: { pattern: string; matches: string[]; rejects: string[] }[] = [
  { pattern: '(?i)^abc$', matches: ['abc', 'ABC'], rejects: ['abd'] },
  { pattern: '\\A[a-z]+\\z', matches: ['abc'], rejects: ['ab1', ''] },
  { pattern: '^\\pL+$', matches: ['héllo'], rejects: ['h3llo'] },
  { pattern: '^(?P<word>[a-z]+)$', matches: ['abc'], rejects: ['ABC'] },
  { pattern: '^[a-z\\-]+$', matches: ['a-b'], rejects: ['a_b'] },
  { pattern: '^a\\_b$', matches: ['a_b'], rejects: ['ab'] },
  { pattern: 'b', matches: ['abc'], rejects: ['xyz'] },
  { pattern: '^\\\\z$', matches: ['\\z'], rejects: ['z'] },
];

for (const c of cases) {
  test(`pattern ${c.pattern}`, () => {
    const compiled = compilePattern(c.pattern);
    assert.equal(compiled.error, undefined);
    for (const s of c.matches) assert.equal(compiled.re?.test(s), true, `matches ${JSON.stringify(s)}`);
    for (const s of c.rejects) assert.equal(compiled.re?.test(s), false, `rejects ${JSON.stringify(s)}`);
  });
}

test('compiled patterns are cached by source', () => {
  assert.equal(compilePattern('^x+$'), compilePattern('^x+$'));
});

test('an invalid pattern carries its error', () => {
  const compiled = compilePattern('([a-z');
  assert.equal(compiled.re, undefined);
  assert.ok(compiled.error && compiled.error.length > 0);
});
