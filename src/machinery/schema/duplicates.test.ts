import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanJsonText, scanParsedJsonText } from './duplicates.js';

/** The repeated fields of a text; none for text that is not JSON (JSON.parse reports that). */
const findDuplicateFields = (text: string): string[] => scanJsonText(text)?.duplicates ?? [];

const cases: { name: string; text: string; want: string[] }[] = [
  { name: 'no duplicates', text: '{"apiVersion":"v1","spec":{"a":1,"b":[1,2,{"c":3}]}}', want: [] },
  { name: 'top-level duplicate', text: '{"a":1,"a":2}', want: ['a'] },
  { name: 'nested duplicate', text: '{"spec":{"size":1,"size":2}}', want: ['spec.size'] },
  {
    name: 'inside arrays of objects',
    text: '{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","imagePullPolicy":"x","imagePullPolicy":"y"}]}}}}',
    want: ['spec.template.spec.containers[1].imagePullPolicy'],
  },
  { name: 'in document order, each once', text: '{"b":{"x":1,"x":2,"x":3},"a":1,"a":2,"b":{}}', want: ['b.x', 'a', 'b'] },
  { name: 'same key in sibling objects is fine', text: '[{"a":1},{"a":2}]', want: [] },
  { name: 'root array', text: '[{"a":1,"a":2}]', want: ['[0].a'] },
  { name: 'escaped keys are compared decoded', text: '{"a\\u0062":1,"ab":2}', want: ['ab'] },
  { name: 'strings containing brackets and quotes', text: '{"s":"{\\"a\\":1,\\"a\\":2}","t":"\\\\","s":"]"}', want: ['s'] },
  { name: 'whitespace everywhere', text: ' {\n "a" : [ 1 , 2 ] ,\r\n\t"a" : null } ', want: ['a'] },
  { name: 'empty containers', text: '{"a":{},"b":[],"a":[]}', want: ['a'] },
  { name: 'scalar document', text: '"x"', want: [] },
  { name: 'malformed: missing colon', text: '{"a" 1,"a":2}', want: [] },
  { name: 'malformed: unterminated string', text: '{"a":1,"a":"x', want: [] },
  { name: 'malformed: unbalanced', text: '{"a":1,"a":2', want: [] },
  { name: 'malformed: trailing garbage', text: '{"a":1,"a":2} x', want: [] },
  { name: 'malformed: empty', text: '', want: [] },
];

for (const c of cases) test(c.name, () => assert.deepEqual(findDuplicateFields(c.text), c.want));

test('the depth counts every container, the document and empty ones included; malformed text has none', () => {
  assert.equal(scanJsonText('"x"')?.depth, 0);
  assert.equal(scanJsonText('{}')?.depth, 1);
  assert.equal(scanJsonText('{"a":[1,{"b":[]}],"c":{}}')?.depth, 4);
  assert.equal(scanJsonText('[[[[]]], {"a":1}]')?.depth, 4);
  assert.equal(scanJsonText('{"a":'), undefined);
});

test('deep nesting does not overflow the stack', () => {
  const depth = 100_000;
  const text = `${'['.repeat(depth)}{"a":1,"a":2}${']'.repeat(depth)}`;
  assert.deepEqual(findDuplicateFields(text), [`${'[0]'.repeat(depth)}.a`]);
});

test('at most 100 duplicates are reported', () => {
  const members = Array.from({ length: 150 }, (_, i) => `"k${i}":1,"k${i}":2`).join(',');
  assert.equal(findDuplicateFields(`{${members}}`).length, 100);
});

test('large documents scan in linear time', () => {
  const items = Array.from({ length: 20_000 }, (_, i) => `{"name":"item-${i}","value":"v\\"${i}","n":${i}}`).join(',');
  const text = `{"items":[${items}],"items":[]}`;
  const start = performance.now();
  assert.deepEqual(findDuplicateFields(text), ['items']);
  assert.ok(performance.now() - start < 1000, 'scan took too long');
});

/** The answer for a text JSON.parse accepts, as the request path asks for it. */
const fromParsed = (text: string) => scanParsedJsonText(text, JSON.parse(text));

test('a parsed document gets the answer the scan gives: duplicates and depth', () => {
  for (const c of cases) {
    let value: unknown;
    try {
      value = JSON.parse(c.text);
    } catch {
      continue;
    }
    assert.deepEqual(scanParsedJsonText(c.text, value), scanJsonText(c.text), c.name);
  }
});

test('colons in keys and strings, escaped colons and repeats hidden behind them are all found', () => {
  const texts = [
    '{"a:b":"c:d","e":{"f":"::"}}',
    '{"a":1,"a":2,"b":"\\u003a"}',
    '{"a":1,"a":2,"b":"\u003a"}',
    '{"x":"\u003a\u003a","x":"y"}',
    '{"k":{"a":":"},"k":{"a":":"}}',
    '{"__proto__":{"a":1},"__proto__":{"a":1}}',
    '{"1":[],"0":{},"1":[]}',
  ];
  for (const text of texts) assert.deepEqual(fromParsed(text), scanJsonText(text), text);
  assert.deepEqual(fromParsed('{"a":1,"a":2,"b":"\u003a"}')?.duplicates, ['a']);
});

test('random documents with and without repeated keys: the same answer as the scan', () => {
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  // JSON string literals as written: colons, an escaped colon (parsed to one), escapes, non-ASCII, empty.
  const strings = ['"a"', '"b"', '"a:b"', '":"', '"x\\u003ay"', '"q\\""', '"\\\\"', '"ünï"', '""'];
  const pick = (): string => strings[random(strings.length)]!;
  const valueText = (depth: number): string => {
    const kind = random(depth > 3 ? 3 : 6);
    if (kind === 0) return String(random(100));
    if (kind === 1) return pick();
    if (kind === 2) return ['true', 'null', '-1.5e3'][random(3)]!;
    if (kind === 3) return `[${Array.from({ length: random(4) }, () => valueText(depth + 1)).join(',')}]`;
    const keys = Array.from({ length: random(5) }, () => pick());
    return `{${keys.map((k) => `${k}:${valueText(depth + 1)}`).join(',')}}`;
  };
  let repeated = 0;
  for (let i = 0; i < 3000; i++) {
    const text = valueText(0);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    const want = scanJsonText(text);
    if ((want?.duplicates.length ?? 0) > 0) repeated++;
    assert.deepEqual(scanParsedJsonText(text, value), want, text);
  }
  assert.ok(repeated > 100, `only ${repeated} documents repeated a key`);
});
