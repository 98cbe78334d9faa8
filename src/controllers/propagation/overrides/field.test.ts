import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { KubeObject } from '../../../machinery/object.js';
import { fieldPatches } from './field.js';
import { OverrideError, type FieldOverrider } from './types.js';

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'app' },
  data: {
    'config.yaml': 'db:\n  host: localhost\n  port: 5432\nfeatures: [a, b]\n',
    'settings.json': '{"timeout":5,"retries":[1,2]}',
    count: '3',
    'broken.yaml': 'a: [1, 2\n',
  },
};

function newValue(rule: FieldOverrider): string {
  const ops = fieldPatches(configMap, rule);
  assert.equal(ops.length, 1);
  assert.equal(ops[0].op, 'replace');
  assert.equal(ops[0].path, rule.fieldPath);
  return ops[0].value as string;
}

test('fieldOverrider: yaml operations patch the embedded YAML document', () => {
  const text = newValue({
    fieldPath: '/data/config.yaml',
    yaml: [
      { subPath: '/db/host', operator: 'replace', value: 'db.oversea.internal' },
      { subPath: '/features/-', operator: 'add', value: 'c' },
      { subPath: '/db/port', operator: 'remove' },
    ],
  });
  assert.deepEqual(parse(text), { db: { host: 'db.oversea.internal' }, features: ['a', 'b', 'c'] });
});

test('fieldOverrider: yaml output has sorted keys', () => {
  const text = newValue({ fieldPath: '/data/config.yaml', yaml: [{ subPath: '/alpha', operator: 'add', value: 1 }] });
  assert.equal(text, 'alpha: 1\ndb:\n  host: localhost\n  port: 5432\nfeatures:\n  - a\n  - b\n');
});

test('fieldOverrider: json operations rewrite compact JSON', () => {
  const text = newValue({ fieldPath: '/data/settings.json', json: [{ subPath: '/timeout', operator: 'replace', value: 30 }, { subPath: '/retries/0', operator: 'remove' }] });
  assert.equal(text, '{"timeout":30,"retries":[2]}');
});

test('fieldOverrider: a JSON document is YAML too', () => {
  const text = newValue({ fieldPath: '/data/settings.json', yaml: [{ subPath: '/timeout', operator: 'replace', value: 9 }] });
  assert.equal(text, 'retries:\n  - 1\n  - 2\ntimeout: 9\n');
});

test('fieldOverrider: yaml wins when both lists are given', () => {
  const text = newValue({
    fieldPath: '/data/config.yaml',
    yaml: [{ subPath: '/db/port', operator: 'replace', value: 6543 }],
    json: [{ subPath: '/never', operator: 'add', value: true }],
  });
  assert.deepEqual(parse(text), { db: { host: 'localhost', port: 6543 }, features: ['a', 'b'] });
});

test('fieldOverrider: neither list leaves the field alone', () => {
  assert.deepEqual(fieldPatches(configMap, { fieldPath: '/data/config.yaml' }), []);
  assert.deepEqual(fieldPatches(configMap, { fieldPath: '/data/missing', json: [] }), []);
});

const failures: { name: string; rule: FieldOverrider; message: RegExp }[] = [
  { name: 'missing field', rule: { fieldPath: '/data/absent.yaml', yaml: [{ subPath: '/a', operator: 'add', value: 1 }] }, message: /not found/ },
  { name: 'field is not a string', rule: { fieldPath: '/data', json: [{ subPath: '/a', operator: 'add', value: 1 }] }, message: /is not string/ },
  { name: 'not JSON', rule: { fieldPath: '/data/config.yaml', json: [{ subPath: '/a', operator: 'add', value: 1 }] }, message: /does not hold JSON/ },
  { name: 'not YAML', rule: { fieldPath: '/data/broken.yaml', yaml: [{ subPath: '/a', operator: 'add', value: 1 }] }, message: /does not hold YAML/ },
  { name: 'scalar document', rule: { fieldPath: '/data/count', yaml: [{ subPath: '/a', operator: 'add', value: 1 }] }, message: /applying YAML patch/ },
  { name: 'patch does not apply', rule: { fieldPath: '/data/settings.json', json: [{ subPath: '/nope/deeper', operator: 'replace', value: 1 }] }, message: /applying JSON patch to \/data\/settings.json/ },
];

for (const c of failures) {
  test(`fieldOverrider fails: ${c.name}`, () => {
    assert.throws(() => fieldPatches(configMap, c.rule), (err: unknown) => err instanceof OverrideError && c.message.test(err.message));
  });
}
