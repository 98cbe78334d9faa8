// Restarting the hub on the same data directory keeps every object, CRD and the revision sequence.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub } from '../support/hub.js';
import { BACKENDS, startEtcd } from '../support/etcd.js';
import { HubClient } from '../support/http.js';

for (const backend of BACKENDS) test(`a restarted hub serves every object it stored, CRDs included (${backend})`, async () => {
  const etcd = backend === 'etcd' ? await startEtcd() : undefined;
  const storage = etcd ? { etcd: { endpoints: etcd.endpoints } } : {};
  const first = await startTestHub(storage);
  const dataDir = first.dataDir;
  let client = new HubClient(first);
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'things.example.com' },
    spec: { group: 'example.com', names: { plural: 'things', kind: 'Thing' }, scope: 'Cluster', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { n: { type: 'integer' } } } } } } }] },
  };
  assert.equal((await client.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status, 201);
  assert.equal((await client.request('POST', '/apis/example.com/v1/things', { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't1' }, spec: { n: 7 } })).status, 201);
  for (let i = 0; i < 20; i++) await client.request('POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: `s${i}` }, stringData: { k: `v${i}` } });
  const before = (await client.request('GET', '/api/v1/namespaces/default/secrets')).body as { metadata: { resourceVersion: string }; items: unknown[] };
  client.close();
  await first.stop();

  const second = await startTestHub({ dataDir, ...storage });
  client = new HubClient(second);
  try {
    const thing = (await client.request('GET', '/apis/example.com/v1/things/t1')).body as { spec: { n: number } };
    assert.equal(thing.spec.n, 7);
    const after = (await client.request('GET', '/api/v1/namespaces/default/secrets')).body as { items: { data: { k: string } }[] };
    assert.equal(after.items.length, 20);
    assert.equal(Buffer.from(after.items[0]!.data.k, 'base64').toString(), 'v0');
    const created = (await client.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later' } })).body as { metadata: { resourceVersion: string } };
    assert.ok(Number(created.metadata.resourceVersion) > Number(before.metadata.resourceVersion));
  } finally {
    client.close();
    await second.dispose();
    await etcd?.stop();
  }
});
