import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabelSelector, labelSelectorFromSpec, matchesLabels, parseLabelSelector, SelectorError, type LabelRequirement } from './labels.js';

const req = (key: string, operator: LabelRequirement['operator'], values: string[] = []): LabelRequirement => ({ key, operator, values });

test('parse then format round-trips (upstream TestSelectorParse good strings)', () => {
  for (const text of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    assert.equal(formatLabelSelector(parseLabelSelector(text)), text.replace(/ /g, ''), text);
  }
});

test('rejects malformed selectors (upstream bad strings and parser cases)', () => {
  const bad = ['x=a||y=b', 'x==a==b', '!x=a', 'x<a', 'x nott in (y)', 'a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '(', ',x,y', 'x=a,', 'a/b/c', '-a', 'x in (a,,)'];
  for (const text of bad) assert.throws(() => parseLabelSelector(text), SelectorError, text);
});

test('parse is deterministic (sorted by key)', () => {
  assert.deepEqual(parseLabelSelector('x=a,a=x'), parseLabelSelector('a=x,x=a'));
  assert.equal(formatLabelSelector(parseLabelSelector('x=a,a=x')), 'a=x,x=a');
});

test('parses requirements (upstream TestSetSelectorParser)', () => {
  const cases: [string, LabelRequirement[]][] = [
    ['', []],
    ['\rx', [req('x', 'exists')]],
    ['this-is-a-dns.domain.com/key-with-dash', [req('this-is-a-dns.domain.com/key-with-dash', 'exists')]],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', [req('this-is-another-dns.domain.com/key-with-dash', 'in', ['so', 'what'])]],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', [req('0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock'])]],
    ['foo  in\t (abc)', [req('foo', 'in', ['abc'])]],
    ['x notin\n (abc)', [req('x', 'notin', ['abc'])]],
    ['x  notin\t\t\t(abc,def)', [req('x', 'notin', ['abc', 'def'])]],
    ['x in (abc,def)', [req('x', 'in', ['abc', 'def'])]],
    ['x in (abc,)', [req('x', 'in', ['', 'abc'])]],
    ['x in ()', [req('x', 'in', [''])]],
    ['x notin (abc,def),bar,z in (),w', [req('bar', 'exists'), req('w', 'exists'), req('x', 'notin', ['abc', 'def']), req('z', 'in', [''])]],
    ['x,y in (a)', [req('x', 'exists'), req('y', 'in', ['a'])]],
    ['x=a', [req('x', '=', ['a'])]],
    ['x==a', [req('x', '==', ['a'])]],
    ['x>1', [req('x', 'gt', ['1'])]],
    ['x<7', [req('x', 'lt', ['7'])]],
    ['x=a,y!=b,z in (h,i,j)', [req('x', '=', ['a']), req('y', '!=', ['b']), req('z', 'in', ['h', 'i', 'j'])]],
    ['x notin ( )', [req('x', 'notin', [''])]],
    ['x notin (, a)', [req('x', 'notin', ['', 'a'])]],
    ['a ', [req('a', 'exists')]],
    ['a in (x,y,notin, z,in)', [req('a', 'in', ['in', 'notin', 'x', 'y', 'z'])]],
    ['notin=in', [req('notin', '=', ['in'])]],
    ['environment in (production, qa), tier notin (frontend), !canary', [req('canary', '!'), req('environment', 'in', ['production', 'qa']), req('tier', 'notin', ['frontend'])]],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseLabelSelector(text), want, JSON.stringify(text));
});

test('error messages read like upstream', () => {
  const cases: [string, string][] = [
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['x,', "found '', expected: identifier after ','"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      '-a',
      `unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    ['Example.com/a', `unable to parse requirement: <nil>: Invalid value: "Example.com/a": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`],
    [`a=${'b'.repeat(64)}`, `unable to parse requirement: values[0][a]: Invalid value: "${'b'.repeat(64)}": must be no more than 63 characters`],
  ];
  for (const [text, message] of cases) assert.throws(() => parseLabelSelector(text), { name: 'SelectorError', message }, text);
});

test('key and value validation limits', () => {
  assert.doesNotThrow(() => parseLabelSelector(`${'a'.repeat(63)}=${'b'.repeat(63)}`));
  assert.throws(() => parseLabelSelector('a'.repeat(64)), /name part must be no more than 63 characters/);
  assert.throws(() => parseLabelSelector(`${'a'.repeat(254)}/b`), /prefix part must be no more than 253 characters/);
  assert.throws(() => parseLabelSelector('/b'), /prefix part must be non-empty/);
  assert.doesNotThrow(() => parseLabelSelector('app.kubernetes.io/name=my_app-1.2,1234 in (bar)'));
  assert.throws(() => parseLabelSelector('a=b_'), /a valid label must be an empty string/);
});

test('matches label sets (upstream TestSelectorMatches)', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', { x: 'y' }, true],
    ['', undefined, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['x>1', { x: 'v2' }, false],
    ['x>1', {}, false],
    ['x!=y', {}, true],
    ['x notin (a)', {}, true],
    ['x in ()', { x: '' }, true],
    ['x in ()', { y: 'baz' }, false],
    ['foo=bar', labelset, true],
    ['baz=blah', labelset, true],
    ['foo=bar,baz=blah', labelset, true],
    ['foo=blah', labelset, false],
    ['baz=bar', labelset, false],
    ['foo=bar,foobar=bar,baz=blah', labelset, false],
    ['foo in (bar,baz),baz notin (x)', labelset, true],
  ];
  for (const [selector, labels, want] of cases) assert.equal(matchesLabels(parseLabelSelector(selector), labels), want, `${selector} vs ${JSON.stringify(labels)}`);
});

test('formats requirements (upstream TestToString)', () => {
  const cases: [LabelRequirement[], string][] = [
    [[req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')], 'x in (abc,def),y notin (jkl),z'],
    [[req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')], 'x notin (abc,def),y!=jkl,!z'],
    [[req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])], 'x notin (abc),y in (jkl,mno),z notin ()'],
    [[req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')], 'x=abc,y==jkl,z!=a,z'],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
    [[req('x', 'in', ['def', 'abc'])], 'x in (abc,def)'],
  ];
  for (const [reqs, want] of cases) assert.equal(formatLabelSelector(reqs), want);
});

test('converts LabelSelector specs', () => {
  assert.deepEqual(labelSelectorFromSpec(undefined), []);
  assert.deepEqual(labelSelectorFromSpec(null), []);
  assert.deepEqual(labelSelectorFromSpec({}), []);
  const reqs = labelSelectorFromSpec({
    matchLabels: { app: 'web', tier: 'frontend' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod', 'qa'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'zone', operator: 'NotIn', values: ['z1'] },
      { key: 'gpu', operator: 'Exists' },
    ],
  });
  assert.equal(formatLabelSelector(reqs), 'app=web,!canary,env in (prod,qa),gpu,tier=frontend,zone notin (z1)');
  assert.equal(matchesLabels(reqs, { app: 'web', tier: 'frontend', env: 'qa', gpu: 'a100' }), true);
  assert.equal(matchesLabels(reqs, { app: 'web', tier: 'frontend', env: 'qa', gpu: 'a100', canary: 'true' }), false);
  assert.equal(matchesLabels(reqs, { app: 'web', tier: 'frontend', env: 'dev', gpu: 'a100' }), false);
  assert.equal(matchesLabels(reqs, { app: 'web', tier: 'frontend', env: 'qa', gpu: 'a100', zone: 'z1' }), false);
});

test('rejects invalid LabelSelector specs', () => {
  const cases: [Parameters<typeof labelSelectorFromSpec>[0], string | RegExp][] = [
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    [{ matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] }, '"in" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'constructor', values: ['x'] }] }, '"constructor" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: '__proto__', values: ['x'] }] }, '"__proto__" is not a valid label selector operator'],
    [{ matchLabels: { 'bad key': 'x' } }, /^key: Invalid value: "bad key": name part must consist of/],
    [{ matchLabels: { a: 'bad value' } }, /^values\[0\]\[a\]: Invalid value: "bad value": a valid label must be/],
  ];
  for (const [sel, message] of cases) {
    assert.throws(() => labelSelectorFromSpec(sel), (err: unknown) => err instanceof SelectorError && (typeof message === 'string' ? err.message === message : message.test(err.message)), JSON.stringify(sel));
  }
});
