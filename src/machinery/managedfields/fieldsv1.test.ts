import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldsV1Error, fieldSetFromFieldsV1, fieldSetFromStoredFieldsV1, fieldSetToFieldsV1, storedFieldsV1Size, storedFieldsV1Within } from './fieldsv1.js';
import { FieldSet } from './fieldset.js';
import { formatFieldPath, parsePathElement, serializePathElement } from './path-element.js';

// Byte-exact round trips: upstream's TestSerializeV1GoldenData vectors plus real managedFields shapes.
const roundTrips: { name: string; json: string }[] = [
  {
    name: 'upstream golden: every element kind in set order',
    json: '{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\\"name\\":\\"first\\"}":{},"k:{\\"name\\":\\"second\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{},"v:2":{},"v:3":{},"v:\\"aa\\"":{},"v:\\"ab\\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}',
  },
  {
    name: 'upstream golden: nested',
    json: '{"f:aaa":{"k:{\\"name\\":\\"second\\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"k:{\\"name\\":\\"first\\"}":{}},"f:aac":{"f:aaa":{"v:1":{}},"f:aac":{},"v:3":{"k:{\\"name\\":\\"second\\"}":{}}},"f:aad":{"f:aac":{"v:1":{}},"f:aaf":{"k:{\\"name\\":\\"first\\"}":{"k:{\\"name\\":\\"first\\"}":{}}},"i:1":{"i:1":{},"i:3":{"v:true":{}}}},"f:aae":{"f:aae":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{}},"i:4":{"f:aaf":{}}},"f:aaf":{"i:1":{"f:aac":{}},"i:2":{},"i:3":{}},"k:{\\"name\\":\\"first\\"}":{"f:aad":{"f:aaf":{}}},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"f:aaa":{"f:aad":{}}},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"f:aac":{},"k:{\\"name\\":\\"first\\"}":{"i:3":{}},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"i:4":{}}},"v:1":{"f:aac":{"i:4":{}},"f:aaf":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}},"v:2":{"f:aad":{"f:aaf":{}},"i:1":{}},"v:3":{"f:aaa":{},"k:{\\"name\\":\\"first\\"}":{},"i:2":{}},"v:\\"aa\\"":{"f:aab":{"f:aaf":{}},"f:aae":{},"k:{\\"name\\":\\"first\\"}":{"f:aad":{}},"i:2":{}},"v:\\"ab\\"":{"f:aaf":{"i:4":{}},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{}},"i:1":{"f:aae":{"i:4":{}}}},"v:true":{"k:{\\"name\\":\\"second\\"}":{"f:aaa":{}},"i:2":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"i:1":{"i:3":{"f:aaf":{}}},"i:2":{"f:aae":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"v:1":{}}},"i:3":{"f:aab":{"v:true":{"v:\\"aa\\"":{}}},"f:aaf":{},"i:1":{}},"i:4":{"v:\\"aa\\"":{"f:aab":{"k:{\\"name\\":\\"second\\"}":{}}}}}',
  },
  {
    name: 'docs ConfigMap example (fields sorted)',
    json: '{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}',
  },
  {
    name: 'docs CRD example: atomic map owned as one field',
    json: '{"f:spec":{"f:data":{}}}',
  },
  {
    name: 'Update entry: "." first for a map owned with its entries',
    json: '{"f:metadata":{"f:finalizers":{".":{},"v:\\"kurator.dev/cleanup\\"":{}},"f:labels":{".":{},"f:app":{}},"f:ownerReferences":{".":{},"k:{\\"uid\\":\\"6a2e\\"}":{}}},"f:spec":{".":{},"f:items":{".":{},"k:{\\"name\\":\\"a\\"}":{".":{},"f:name":{}}}}}',
  },
  {
    name: 'list-map with two keys',
    json: '{"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:name":{}}}}',
  },
];

for (const c of roundTrips) {
  test(`fieldsV1 round trip: ${c.name}`, () => {
    const set = fieldSetFromFieldsV1(JSON.parse(c.json));
    assert.equal(JSON.stringify(fieldSetToFieldsV1(set)), c.json);
  });
}

const normalisations: { name: string; input: unknown; output: string }[] = [
  { name: 'unknown element types are dropped', input: { 'f:aaa': {}, 'r:aab': {} }, output: '{"f:aaa":{}}' },
  {
    name: 'keys come out in set order whatever the input order',
    input: { 'v:"b"': {}, 'i:0': {}, 'k:{"name":"x"}': {}, 'f:z': {}, 'v:2': {}, 'f:a': {} },
    output: '{"f:a":{},"f:z":{},"k:{\\"name\\":\\"x\\"}":{},"v:2":{},"v:\\"b\\"":{},"i:0":{}}',
  },
  {
    name: 'key fields are sorted inside k:',
    input: { 'k:{"protocol":"TCP","containerPort":80}': {} },
    output: '{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{}}',
  },
  { name: 'a lone "." is the member itself', input: { 'f:a': { '.': {} } }, output: '{"f:a":{}}' },
  { name: 'null is an empty set', input: null, output: '{}' },
];

for (const c of normalisations) {
  test(`fieldsV1 normalisation: ${c.name}`, () => {
    assert.equal(JSON.stringify(fieldSetToFieldsV1(fieldSetFromFieldsV1(c.input))), c.output);
  });
}

const malformed: { name: string; input: unknown }[] = [
  { name: 'not an object', input: ['f:a'] },
  { name: 'value not an object', input: { 'f:a': true } },
  { name: 'key without colon', input: { fa: {} } },
  { name: 'k: not JSON', input: { 'k:{name}': {} } },
  { name: 'i: not a number', input: { 'i:x': {} } },
];

for (const c of malformed) {
  test(`fieldsV1 rejects ${c.name}`, () => {
    assert.throws(() => fieldSetFromFieldsV1(c.input), FieldsV1Error);
  });
}

test('path elements print like upstream field paths', () => {
  const cases: [string[], string][] = [
    [['f:spec', 'f:size'], '.spec.size'],
    [['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'], '.spec.containers[name="nginx"].image'],
    [['f:metadata', 'f:labels', 'f:app'], '.metadata.labels.app'],
    [['f:ports', 'k:{"containerPort":80,"protocol":"TCP"}'], '.ports[containerPort=80,protocol="TCP"]'],
    [['f:metadata', 'f:finalizers', 'v:"a"'], '.metadata.finalizers[="a"]'],
    [['f:args', 'i:2'], '.args[2]'],
  ];
  for (const [keys, want] of cases) {
    const path = keys.map((k) => parsePathElement(k)!);
    assert.equal(formatFieldPath(path), want);
    assert.deepEqual(path.map(serializePathElement), keys);
  }
});

test('fieldsV1 keys written with other JSON spacing decode to the same elements as canonical ones', () => {
  const spaced = fieldSetFromFieldsV1(JSON.parse('{"f:ports":{"k:{\\"containerPort\\": 80, \\"protocol\\": \\"TCP\\"}":{".":{},"f:name":{}},"i:+2":{}}}'));
  const canonical = fieldSetFromFieldsV1(JSON.parse('{"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{}},"i:2":{}}}'));
  assert.ok(spaced.equals(canonical));
  assert.equal(JSON.stringify(fieldSetToFieldsV1(spaced)), '{"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{}},"i:2":{}}}');
});

// Stored FieldsV1 is read node by node as the set is used: every answer must be the eager reading's.
const everyInput = [...roundTrips.map((c) => JSON.parse(c.json) as unknown), ...normalisations.map((c) => c.input)];
const encoded = (set: FieldSet) => JSON.stringify(fieldSetToFieldsV1(set));

test('a stored fieldsV1 read as it is used encodes and answers like one read at once', () => {
  for (const input of everyInput) {
    const eager = fieldSetFromFieldsV1(input);
    assert.equal(encoded(fieldSetFromStoredFieldsV1(input)), encoded(eager));
    assert.deepEqual(fieldSetFromStoredFieldsV1(input).paths(), eager.paths());
    assert.equal(fieldSetFromStoredFieldsV1(input).size(), eager.size());
    assert.equal(fieldSetFromStoredFieldsV1(input).isEmpty(), eager.isEmpty());
    for (const path of eager.paths()) assert.ok(fieldSetFromStoredFieldsV1(input).has(path));
  }
});

test('set operations on stored fieldsV1 read as used give what the eager reading gives, either side', () => {
  for (const a of everyInput) {
    for (const b of everyInput) {
      const [ea, eb] = [fieldSetFromFieldsV1(a), fieldSetFromFieldsV1(b)];
      // Fresh deferred sets for each operation, so no operation profits from an earlier one's reading.
      const la = () => fieldSetFromStoredFieldsV1(a);
      const lb = () => fieldSetFromStoredFieldsV1(b);
      assert.equal(encoded(la().union(eb)), encoded(ea.union(eb)));
      assert.equal(encoded(ea.union(lb())), encoded(ea.union(eb)));
      assert.equal(encoded(la().intersection(lb())), encoded(ea.intersection(eb)));
      assert.equal(encoded(la().difference(eb)), encoded(ea.difference(eb)));
      assert.equal(encoded(ea.difference(lb())), encoded(ea.difference(eb)));
      assert.equal(encoded(la().recursiveDifference(lb())), encoded(ea.recursiveDifference(eb)));
      assert.equal(la().equals(lb()), ea.equals(eb));
    }
  }
});

test('a stored fieldsV1 is read only where it is looked at: a malformed node elsewhere surfaces when reached', () => {
  const input = { 'f:spec': { 'f:ports': { 'k:{name}': {} } }, 'f:status': { 'f:ready': {} } };
  const set = fieldSetFromStoredFieldsV1(input);
  const status = FieldSet.of([{ kind: 'field', name: 'status' }, { kind: 'field', name: 'ready' }]);
  assert.equal(encoded(set.intersection(status)), '{"f:status":{"f:ready":{}}}');
  assert.throws(() => set.paths(), FieldsV1Error);
  // Still unreadable when looked at again, as the eager reading is every time.
  assert.throws(() => set.size(), FieldsV1Error);
  assert.throws(() => fieldSetFromFieldsV1(input), FieldsV1Error);
  // What is not an object at the top is refused at once.
  assert.throws(() => fieldSetFromStoredFieldsV1(['f:a']), FieldsV1Error);
});

test('a stored FieldsV1 is sized and checked for inclusion on its keys as a decoded set would be', () => {
  for (const { name, json } of roundTrips) {
    const fields = JSON.parse(json) as Record<string, unknown>;
    const decoded = fieldSetFromFieldsV1(fields);
    assert.equal(storedFieldsV1Size(fields), decoded.size(), name);
    assert.equal(storedFieldsV1Within(fields, decoded), true, `${name}: within itself`);
    // Take away one path at a time: the FieldsV1 is no longer within what is left.
    for (const path of decoded.paths()) {
      const smaller = decoded.difference(FieldSet.of(path));
      assert.equal(storedFieldsV1Within(fields, smaller), false, `${name}: without ${formatFieldPath(path)}`);
      assert.equal(smaller.includes(decoded), false, `${name}: includes, without ${formatFieldPath(path)}`);
      assert.equal(decoded.includes(smaller), true, `${name}: includes what is left`);
    }
  }
});
