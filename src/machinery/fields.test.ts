import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesFields, parseFieldSelector, SelectorError, type FieldRequirement } from './fields.js';

const eq = (field: string, value: string): FieldRequirement => ({ field, operator: '=', value });
const ne = (field: string, value: string): FieldRequirement => ({ field, operator: '!=', value });

test('parses field selectors (upstream good strings and escapes)', () => {
  const cases: [string, FieldRequirement[]][] = [
    ['', []],
    ['x=a,y=b,z=c', [eq('x', 'a'), eq('y', 'b'), eq('z', 'c')]],
    ['x!=a,y=b', [ne('x', 'a'), eq('y', 'b')]],
    ['x=a||y\\=b', [eq('x', 'a||y=b')]],
    ['x=a\\=\\=b', [eq('x', 'a==b')]],
    ['b==value', [eq('b', 'value')]],
    ['metadata.name=foo,status.phase!=Running', [eq('metadata.name', 'foo'), ne('status.phase', 'Running')]],
    // Raw terms sort byte-wise: "k2=" < "k=".
    ['k=\\,,k2=v2', [eq('k2', 'v2'), eq('k', ',')]],
    ['k=\\\\,k2=v2', [eq('k2', 'v2'), eq('k', '\\')]],
    ['k=\\\\\\,,k2=v2', [eq('k2', 'v2'), eq('k', '\\,')]],
    ['a=a,', [eq('a', 'a')]],
    [',a=a', [eq('a', 'a')]],
    ['x=', [eq('x', '')]],
    ['함=수,목=록', [eq('목', '록'), eq('함', '수')]],
    // Terms are sorted by their raw text, so the order is deterministic.
    ['x=a,a=x', [eq('a', 'x'), eq('x', 'a')]],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseFieldSelector(text), want, text);
});

test('rejects malformed field selectors', () => {
  const cases: [string, string][] = [
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x in (a,b,c)', "invalid selector: 'x in (a,b,c)'; can't understand 'b'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
    ['k=\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
    ['k=\\a', 'invalid field selector: invalid escape sequence: \\a'],
  ];
  for (const [text, message] of cases) assert.throws(() => parseFieldSelector(text), (err: unknown) => err instanceof SelectorError && err.message === message, text);
});

test('matches fields (upstream TestSelectorMatches)', () => {
  const fieldset: Record<string, string> = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['foo=bar', fieldset, true],
    ['baz=blah', fieldset, true],
    ['foo=bar,baz=blah', fieldset, true],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', fieldset, true],
    ['foo=blah', fieldset, false],
    ['baz=bar', fieldset, false],
    ['foo=bar,foobar=bar,baz=blah', fieldset, false],
    // An unresolvable field compares as "".
    ['missing=', {}, true],
    ['missing!=x', {}, true],
    ['missing=x', {}, false],
  ];
  for (const [selector, fields, want] of cases) {
    assert.equal(matchesFields(parseFieldSelector(selector), (f) => fields[f]), want, selector);
  }
});
