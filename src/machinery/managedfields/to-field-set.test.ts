import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldSetFromFieldsV1, fieldSetToFieldsV1 } from './fieldsv1.js';
import { widgetSchema } from './fixtures.js';
import { rootType } from './schema-type.js';
import { ensureNamedFieldsAreMembers } from './to-field-set.js';

test('declared struct fields with members below become members; list items and map entries stay as they were', () => {
  const set = fieldSetFromFieldsV1({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:items': { 'k:{"name":"a"}': { 'f:value': {} } }, 'f:size': {} } });
  const out = ensureNamedFieldsAreMembers(set, rootType(widgetSchema));
  assert.equal(
    JSON.stringify(fieldSetToFieldsV1(out)),
    '{"f:metadata":{".":{},"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:items":{".":{},"k:{\\"name\\":\\"a\\"}":{"f:value":{}}},"f:size":{}}}',
  );
  // Nothing below: nothing added.
  assert.equal(JSON.stringify(fieldSetToFieldsV1(ensureNamedFieldsAreMembers(fieldSetFromFieldsV1({}), rootType(widgetSchema)))), '{}');
});
