import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/object.js';
import { metadataRepresentation, partialListBody, partialObjectJson, type MetadataRepresentation } from './partial-metadata.js';

const V1: MetadataRepresentation = { apiVersion: 'meta.k8s.io/v1' };
const POM = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
const POML = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

function notAcceptable(message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.deepEqual(error.toStatus(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotAcceptable', code: 406, message });
    return true;
  };
}

test('plain, absent and Table Accept values ask for the normal representation', () => {
  for (const accept of [undefined, '', 'application/json', '*/*', 'application/json;stream=watch', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json']) {
    assert.equal(metadataRepresentation(accept, 'object'), undefined, String(accept));
    assert.equal(metadataRepresentation(accept, 'list'), undefined, String(accept));
  }
});

test('metadata only for the right shape, whatever the order of parameters', () => {
  assert.deepEqual(metadataRepresentation(POM, 'object'), V1);
  assert.deepEqual(metadataRepresentation(POML, 'list'), V1);
  assert.deepEqual(metadataRepresentation('application/json; v=v1; g=meta.k8s.io; as=PartialObjectMetadata', 'object'), V1);
  assert.deepEqual(metadataRepresentation('application/json;g=meta.k8s.io;as=PartialObjectMetadataList;v=v1', 'list'), V1);
  assert.deepEqual(metadataRepresentation('application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1', 'object'), { apiVersion: 'meta.k8s.io/v1beta1' });
});

test('several media types: the first one this server can produce wins', () => {
  // client-go's metadata client: protobuf first (not served here), then JSON metadata, then plain JSON.
  const clientGo = `application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,${POML},application/json`;
  assert.deepEqual(metadataRepresentation(clientGo, 'list'), V1);
  assert.equal(metadataRepresentation(`application/json,${POM}`, 'object'), undefined);
  assert.equal(metadataRepresentation(`*/*,${POML}`, 'list'), undefined);
  assert.equal(metadataRepresentation(`application/json;as=Table;v=v1;g=meta.k8s.io,${POM}`, 'object'), undefined, 'a Table listed first');
  // A wrong-shape or unknown choice is skipped for a later right one.
  assert.deepEqual(metadataRepresentation(`${POML},${POM}`, 'object'), V1);
  assert.deepEqual(metadataRepresentation(`application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v2,${POML}`, 'list'), V1);
  assert.deepEqual(metadataRepresentation(`application/json;as=PartialObjectMetadataList;g=other.io;v=v1, ${POML}`, 'list'), V1);
});

test('only wrong-shape choices: 406 NotAcceptable; a plain fallback serves the normal representation', () => {
  assert.throws(() => metadataRepresentation(POML, 'object'), notAcceptable('you requested PartialObjectMetadataList, but the requested object is not a list'));
  assert.throws(() => metadataRepresentation(POM, 'list'), notAcceptable('you requested PartialObjectMetadata, but the requested object is a list'));
  assert.throws(() => metadataRepresentation(`${POM},application/vnd.kubernetes.protobuf`, 'list'), notAcceptable('you requested PartialObjectMetadata, but the requested object is a list'));
  assert.equal(metadataRepresentation(`${POML},application/json`, 'object'), undefined);
  assert.equal(metadataRepresentation(`${POM},*/*`, 'list'), undefined);
  // Unservable versions or groups are not a wrong shape: nothing was asked that we understand.
  assert.equal(metadataRepresentation('application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v2', 'object'), undefined);
});

test('renderers carry the metadata only', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'd', labels: { a: 'b' } }, data: { k: 'dg==' } } as unknown as KubeObject;
  assert.deepEqual(JSON.parse(partialObjectJson(secret, V1)), { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: secret.metadata });
  assert.deepEqual(JSON.parse(partialListBody([secret], { resourceVersion: '7', continue: 'x' }, V1)), {
    kind: 'PartialObjectMetadataList',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '7', continue: 'x' },
    items: [{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: secret.metadata }],
  });
  assert.equal(JSON.parse(partialListBody([], { resourceVersion: '7' }, V1)).items.length, 0);
});
