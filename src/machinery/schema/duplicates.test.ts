import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanJsonText } from './duplicates.js';

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
