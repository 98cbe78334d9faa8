import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, PatchError } from './jsonpatch.js';

// RFC 6902 Appendix A (A.13, duplicate "op" members, cannot be expressed once the JSON is parsed).
const rfcSuccess: [string, unknown, unknown, unknown][] = [
  ['A.1 adding an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
  ['A.2 adding an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
  ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  ['A.4 removing an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
  ['A.5 replacing a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
  [
    'A.6 moving a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  ['A.7 moving an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
  [
    'A.8 testing a value: success',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    { baz: 'qux', foo: ['a', 2, 'c'] },
  ],
  ['A.10 adding a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
  ['A.11 ignoring unrecognized elements', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
  ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
  ['A.16 adding an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
];

const rfcFailures: [string, unknown, unknown, string][] = [
  ['A.9 testing a value: error', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }], 'testing value /baz failed: test failed'],
  ['A.12 adding to a nonexistent target', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'],
  ['A.15 comparing strings and numbers', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }], 'testing value /~01 failed: test failed'],
];

test('applies RFC 6902 appendix A examples', () => {
  for (const [name, doc, ops, want] of rfcSuccess) assert.deepEqual(applyJsonPatch(doc, ops), want, name);
});

test('RFC 6902 appendix A error examples fail', () => {
  for (const [name, doc, ops, message] of rfcFailures) {
    assert.throws(() => applyJsonPatch(doc, ops), (err: unknown) => err instanceof PatchError && err.kind === 'failed' && err.message === message, name);
  }
});

test('more operations on Kubernetes-shaped documents', () => {
  const deployment = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c', image: 'v1' }] } } } };
  const cases: [string, unknown, unknown][] = [
    ['replace nested scalar', [{ op: 'replace', path: '/spec/replicas', value: 3 }], { ...deployment, spec: { ...deployment.spec, replicas: 3 } }],
    [
      'add label with escaped slash',
      [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' }],
      { ...deployment, metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } } },
    ],
    [
      'append container',
      [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'side', image: 's' } }],
      { ...deployment, spec: { ...deployment.spec, template: { spec: { containers: [{ name: 'c', image: 'v1' }, { name: 'side', image: 's' }] } } } },
    ],
    ['copy', [{ op: 'copy', from: '/metadata/name', path: '/metadata/labels/name' }], { ...deployment, metadata: { name: 'web', labels: { app: 'web', name: 'web' } } }],
    ['replace whole document', [{ op: 'replace', path: '', value: { a: 1 } }], { a: 1 }],
    ['add at root replaces the document', [{ op: 'add', path: '', value: [1] }], [1]],
    ['test then remove', [{ op: 'test', path: '/metadata/labels/app', value: 'web' }, { op: 'remove', path: '/metadata/labels' }], { ...deployment, metadata: { name: 'web' } }],
    ['test deep equality ignores key order', [{ op: 'test', path: '/spec/template/spec/containers/0', value: { image: 'v1', name: 'c' } }], deployment],
    ['absent member tests equal to null', [{ op: 'test', path: '/spec/paused', value: null }], deployment],
    ['move to same place is a no-op', [{ op: 'move', from: '/spec', path: '/spec' }], deployment],
    ['add at end index', [{ op: 'add', path: '/spec/template/spec/containers/1', value: 'x' }], { ...deployment, spec: { ...deployment.spec, template: { spec: { containers: [{ name: 'c', image: 'v1' }, 'x'] } } } }],
  ];
  for (const [name, ops, want] of cases) assert.deepEqual(applyJsonPatch(deployment, ops), want, name);
});

test('malformed operation documents are invalid', () => {
  const cases: [string, unknown, string | RegExp][] = [
    ['not an array', { op: 'add', path: '/a', value: 1 }, 'a JSON patch must be an array of operations'],
    ['operation not an object', ['add'], 'a JSON patch operation must be an object'],
    ['unknown op', [{ op: 'merge', path: '/a' }], 'Unexpected kind: merge'],
    ['missing op', [{ path: '/a' }], 'Unexpected kind: null'],
    ['missing path', [{ op: 'remove' }], 'operation missing path: missing value'],
    ['missing value', [{ op: 'add', path: '/a' }], 'add operation missing value: missing value'],
    ['missing from', [{ op: 'move', path: '/a' }], 'operation, missing from field: missing value'],
    ['pointer without leading slash', [{ op: 'remove', path: 'a/b' }], /JSON pointer must be empty or start with "\/"/],
    ['bad escape', [{ op: 'remove', path: '/a~2' }], /invalid escape sequence in JSON pointer/],
    ['dangling tilde', [{ op: 'remove', path: '/a~' }], /invalid escape sequence in JSON pointer/],
  ];
  for (const [name, ops, message] of cases) {
    assert.throws(() => applyJsonPatch({ a: { b: 1 } }, ops), (err: unknown) => err instanceof PatchError && err.kind === 'invalid' && (typeof message === 'string' ? err.message === message : message.test(err.message)), name);
  }
});

test('operations that cannot be applied fail', () => {
  const doc = { spec: { size: 3, list: ['a', 'b'] } };
  const cases: [string, unknown, string][] = [
    ['test mismatch', [{ op: 'test', path: '/spec/size', value: 4 }], 'testing value /spec/size failed: test failed'],
    ['replace missing key', [{ op: 'replace', path: '/spec/x', value: 1 }], 'replace operation does not apply: doc is missing key: /spec/x: missing value'],
    ['replace under missing parent', [{ op: 'replace', path: '/nope/x', value: 1 }], 'replace operation does not apply: doc is missing path: /nope/x: missing value'],
    ['remove missing key', [{ op: 'remove', path: '/spec/x' }], 'Unable to remove nonexistent key: x: missing value'],
    ['remove under missing parent', [{ op: 'remove', path: '/nope/x' }], 'remove operation does not apply: doc is missing path: "/nope/x": missing value'],
    ['remove index out of range', [{ op: 'remove', path: '/spec/list/2' }], 'Unable to access invalid index: 2: invalid index referenced'],
    ['add index out of range', [{ op: 'add', path: '/spec/list/3', value: 'x' }], 'Unable to access invalid index: 3: invalid index referenced'],
    ['leading zero index', [{ op: 'replace', path: '/spec/list/01', value: 'x' }], 'Unable to access invalid index: 01: invalid index referenced'],
    ['dash is not an index for replace', [{ op: 'replace', path: '/spec/list/-', value: 'x' }], 'Unable to access invalid index: -: invalid index referenced'],
    ['move from missing', [{ op: 'move', from: '/spec/x', path: '/y' }], 'move operation does not apply: doc is missing from path: /spec/x: missing value'],
    ['move into own child', [{ op: 'move', from: '/spec', path: '/spec/inner' }], 'move operation does not apply: cannot move /spec into its own child /spec/inner'],
    ['copy from missing', [{ op: 'copy', from: '/spec/x', path: '/y' }], 'copy operation does not apply: doc is missing from path: /spec/x: missing value'],
    ['test under missing parent', [{ op: 'test', path: '/a/b', value: 1 }], 'test operation does not apply: is missing path: /a/b: missing value'],
    ['add through a scalar', [{ op: 'add', path: '/spec/size/x', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/size/x": missing value'],
    ['remove root', [{ op: 'remove', path: '' }], 'remove operation does not apply: doc is missing path: "": missing value'],
  ];
  for (const [name, ops, message] of cases) {
    assert.throws(() => applyJsonPatch(doc, ops), (err: unknown) => err instanceof PatchError && err.kind === 'failed' && err.message === message, name);
  }
});

test('is atomic and pure', () => {
  const doc = { a: { list: [1] } };
  const value = { nested: [1] };
  const ops = [{ op: 'add', path: '/a/v', value }];
  const result = applyJsonPatch(doc, ops) as { a: { v: { nested: number[] } } };
  result.a.v.nested.push(2);
  assert.deepEqual(value, { nested: [1] });
  assert.deepEqual(doc, { a: { list: [1] } });
  assert.throws(() => applyJsonPatch(doc, [{ op: 'remove', path: '/a/list/0' }, { op: 'test', path: '/a', value: 0 }]), PatchError);
  assert.deepEqual(doc, { a: { list: [1] } });
  // A member named __proto__ stays ordinary data.
  const poisoned = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(poisoned), Object.prototype);
  assert.deepEqual(Object.keys(poisoned), ['__proto__']);
});
