// A hub cut off from etcd while another hub writes and compacts: when it reconnects, its watch cannot
// resume, so it relists. Its clients' watches end with 410 Expired (as kube-apiserver's do) and they
// relist; the hub's own loops catch up, so a CRD created meanwhile through the other hub is served.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEtcd } from '../support/etcd.js';
import { startTestHub } from '../support/hub.js';
import { HubClient } from '../support/http.js';
import { Partition } from '../support/partition.js';
import { eventually } from '../support/wait.js';
import { openWatch } from '../support/watch.js';

const CMS = '/api/v1/namespaces/default/configmaps';

test('a hub that missed compacted history relists: its watches end with 410 and it serves what it missed', async () => {
  const etcd = await startEtcd();
  const { partition, url } = await Partition.start(etcd.endpoints[0]!);
  const cut = await startTestHub({ etcd: { endpoints: [url], requestTimeoutMs: 2000 }, controllers: false });
  const other = await startTestHub({ etcd: { endpoints: etcd.endpoints }, controllers: false });
  const cutApi = new HubClient(cut);
  const otherApi = new HubClient(other);
  try {
    const rv = ((await cutApi.request('GET', CMS)).body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const watch = openWatch(cut, `${CMS}?watch=true&resourceVersion=${rv}`);
    assert.equal(await watch.status, 200);

    partition.isolate();
    assert.equal((await otherApi.request('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'missed' } })).status, 201);
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gizmos.example.com' },
      spec: { group: 'example.com', names: { plural: 'gizmos', kind: 'Gizmo' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    };
    assert.equal((await otherApi.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status, 201);
    await other.store.compact(other.store.revision);
    // Reads keep being served from the cut-off hub's memory meanwhile.
    assert.equal((await cutApi.request('GET', `${CMS}/missed`)).status, 404);
    partition.heal();

    await watch.waitFor((events) => events.some((e) => e.type === 'ERROR'), 15_000);
    const error = watch.events.find((e) => e.type === 'ERROR')!;
    assert.equal(error.object.code, 410);
    assert.equal(error.object['reason'], 'Expired');
    await watch.ended;
    // A client coming back with its old resourceVersion is told to relist, as kube-apiserver does.
    const again = openWatch(cut, `${CMS}?watch=true&resourceVersion=${rv}`);
    await again.waitFor((events) => events[0]?.type === 'ERROR');
    assert.equal(again.events[0]!.object.code, 410);
    again.close();

    assert.equal((await cutApi.request('GET', `${CMS}/missed`)).status, 200);
    await eventually('the CRD created meanwhile is served', async () => (await cutApi.request('GET', '/apis/example.com/v1/namespaces/default/gizmos')).status === 200);
  } finally {
    cutApi.close();
    otherApi.close();
    await cut.dispose();
    await other.dispose();
    await partition.close();
    await etcd.stop();
  }
});
