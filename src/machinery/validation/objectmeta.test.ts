import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusCause } from '../errors.js';
import { objectMetaDecodeError } from './objectmeta-fields.js';
import { validateObjectMeta, type ObjectMetaOptions } from './objectmeta.js';

const namespaced: ObjectMetaOptions = { namespaced: true, nameRule: 'dns1123Subdomain' };
const clusterScoped: ObjectMetaOptions = { namespaced: false, nameRule: 'dns1123Subdomain' };

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const cases: { name: string; meta: unknown; options: ObjectMetaOptions; want: StatusCause[] }[] = [
  { name: 'valid namespaced', meta: { name: 'w1', namespace: 'default', labels: { app: 'web' } }, options: namespaced, want: [] },
  { name: 'generateName alone is enough', meta: { generateName: 'web-', namespace: 'default' }, options: namespaced, want: [] },
  {
    name: 'missing name',
    meta: { namespace: 'default' },
    options: namespaced,
    want: [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }],
  },
  {
    name: 'uppercase name',
    meta: { name: 'Foo', namespace: 'default' },
    options: namespaced,
    want: [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "Foo": ${SUBDOMAIN_MSG}` }],
  },
  {
    name: 'missing namespace',
    meta: { name: 'a' },
    options: namespaced,
    want: [{ reason: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' }],
  },
  {
    name: 'namespace on cluster-scoped kind',
    meta: { name: 'a', namespace: 'default' },
    options: clusterScoped,
    want: [{ reason: 'FieldValueForbidden', field: 'metadata.namespace', message: 'Forbidden: not allowed on this type' }],
  },
  {
    name: 'negative generation',
    meta: { name: 'a', generation: -1 },
    options: clusterScoped,
    want: [{ reason: 'FieldValueInvalid', field: 'metadata.generation', message: 'Invalid value: -1: must be greater than or equal to 0' }],
  },
  {
    name: 'bad label key and value',
    meta: { name: 'a', labels: { 'bad key': 'ok', good: 'bad value' } },
    options: clusterScoped,
    want: [
      { reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "bad key": ${QNAME_PART_MSG}` },
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message:
          "Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      },
    ],
  },
  { name: 'annotation keys ignore case', meta: { name: 'a', annotations: { 'Example.com/Key': 'v' } }, options: clusterScoped, want: [] },
  {
    name: 'annotations over 256 KiB',
    meta: { name: 'a', annotations: { big: 'x'.repeat(256 * 1024) } },
    options: clusterScoped,
    want: [{ reason: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: may not be more than 262144 bytes' }],
  },
  {
    name: 'bad finalizer and conflicting deletion finalizers',
    meta: { name: 'a', finalizers: ['a/b/c', 'orphan', 'foregroundDeletion'] },
    options: clusterScoped,
    want: [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.finalizers',
        message:
          "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      },
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.finalizers',
        message: 'Invalid value: []string{"a/b/c", "orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
      },
    ],
  },
  {
    name: 'incomplete owner reference',
    meta: { name: 'a', ownerReferences: [{ apiVersion: 'apps/', kind: '', name: 'x' }] },
    options: clusterScoped,
    want: [
      { reason: 'FieldValueInvalid', field: 'metadata.ownerReferences.apiVersion', message: 'Invalid value: "apps/": version must not be empty' },
      { reason: 'FieldValueInvalid', field: 'metadata.ownerReferences.kind', message: 'Invalid value: "": kind must not be empty' },
      { reason: 'FieldValueInvalid', field: 'metadata.ownerReferences.uid', message: 'Invalid value: "": uid must not be empty' },
    ],
  },
  {
    name: 'two controllers and an Event owner',
    meta: {
      name: 'a',
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Event', name: 'e', uid: '1' },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r1', uid: '2', controller: true },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r2', uid: '3', controller: true },
      ],
    },
    options: clusterScoped,
    want: [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.ownerReferences',
        message:
          'Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner',
      },
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.ownerReferences',
        message:
          'Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"r1", UID:"2", Controller:(*bool)(true), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"r2", UID:"3", Controller:(*bool)(true), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/r1 and ReplicaSet/r2',
      },
    ],
  },
  {
    name: 'managed fields operation',
    meta: { name: 'a', managedFields: [{ manager: 'm', operation: 'Patch', fieldsType: 'FieldsV2' }] },
    options: clusterScoped,
    want: [
      { reason: 'FieldValueInvalid', field: 'metadata.managedFields[0].operation', message: 'Invalid value: "Patch": must be `Apply` or `Update`' },
      { reason: 'FieldValueInvalid', field: 'metadata.managedFields[0].fieldsType', message: 'Invalid value: "FieldsV2": must be `FieldsV1`' },
    ],
  },
  {
    name: 'DNS label rule for names',
    meta: { name: 'a.b' },
    options: { namespaced: false, nameRule: 'dns1123Label' },
    want: [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: 'Invalid value: "a.b": must not contain dots' }],
  },
  {
    name: 'path segment rule and custom field path',
    meta: { name: 'a/b' },
    options: { namespaced: false, nameRule: 'pathSegment', fieldPath: 'spec.template.metadata' },
    want: [{ reason: 'FieldValueInvalid', field: 'spec.template.metadata.name', message: `Invalid value: "a/b": may not contain '/'` }],
  },
];

for (const c of cases) test(c.name, () => assert.deepEqual(validateObjectMeta(c.meta, c.options), c.want));

const decodeCases: { name: string; meta: unknown; want: string | undefined }[] = [
  { name: 'valid', meta: { name: 'a', labels: { a: 'b' }, generation: 2 }, want: undefined },
  { name: 'null', meta: null, want: undefined },
  { name: 'not an object', meta: 'x', want: 'json: cannot unmarshal string into Go value of type v1.ObjectMeta' },
  { name: 'name is a number', meta: { name: 3 }, want: 'json: cannot unmarshal number into Go struct field ObjectMeta.name of type string' },
  { name: 'label value is a number', meta: { labels: { a: 1 } }, want: 'json: cannot unmarshal number into Go struct field ObjectMeta.labels of type string' },
  { name: 'fractional generation', meta: { generation: 1.5 }, want: 'json: cannot unmarshal number 1.5 into Go struct field ObjectMeta.generation of type int64' },
  { name: 'unknown fields decode', meta: { foo: { bar: 1 } }, want: undefined },
];

for (const c of decodeCases) test(`decode: ${c.name}`, () => assert.equal(objectMetaDecodeError(c.meta), c.want));
