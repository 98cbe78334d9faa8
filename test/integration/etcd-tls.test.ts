// etcd with TLS and client-certificate authentication: `kurator hub --etcd-servers https://... --etcd-cafile
// --etcd-certfile --etcd-keyfile` keeps its data there; without a client certificate etcd is unreachable
// and the error says where to look.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openEtcdStore } from '../../src/storage/etcd.js';
import { startEtcd } from '../support/etcd.js';
import { HubClient } from '../support/http.js';
import { spawnHub } from '../support/hub-process.js';
import { eventually } from '../support/wait.js';


test('a hub on etcd over TLS with a client certificate', async () => {
  const etcd = await startEtcd(1, { tls: true });
  const tls = etcd.tls!;
  const dataDir = await mkdtemp(join(tmpdir(), 'kurator-etcd-tls-'));
  const reader = await openEtcdStore({ endpoints: etcd.endpoints, tls: { ca: tls.ca, cert: tls.cert, key: tls.key } });
  try {
    await assert.rejects(openEtcdStore({ endpoints: etcd.endpoints, tls: { ca: tls.ca }, requestTimeoutMs: 3000 }), /cannot reach etcd at https:\/\/127\.0\.0\.1:\d+: .*check the endpoints, that etcd runs, and its TLS settings/);

    const { child, url, exited } = await spawnHub(['--data-dir', dataDir, '--etcd-servers', etcd.endpoints[0]!, '--etcd-cafile', tls.caFile, '--etcd-certfile', tls.certFile, '--etcd-keyfile', tls.keyFile]);
    try {
      const api = new HubClient({ url, kubeconfigPath: join(dataDir, 'kubeconfig') });
      const created = await api.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'over-tls' }, data: { k: 'v' } });
      api.close();
      assert.equal(created.status, 201, created.text);
      const stored = await eventually('the object in etcd', () => reader.get('/core/configmaps/default/over-tls'));
      assert.deepEqual(stored.object['data'], { k: 'v' });
      assert.equal(stored.object.metadata.resourceVersion, (created.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  } finally {
    await reader.close();
    await rm(dataDir, { recursive: true, force: true });
    await etcd.stop();
  }
});
