// Durability and concurrency through the HTTP API:
// - the hub killed with SIGKILL while 4 clients create objects keeps every acknowledged create, and
//   resourceVersions after the restart are greater than every earlier one;
// - 50 concurrent read-modify-write incrementers with resourceVersion preconditions lose no update.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub } from '../support/hub.js';
import { BACKENDS, startEtcd, type EtcdCluster } from '../support/etcd.js';
import { HubClient } from '../support/http.js';
import { spawnHub, type HubProcess } from '../support/hub-process.js';


function spawnStorageHub(dataDir: string, etcd?: EtcdCluster): Promise<HubProcess> {
  return spawnHub(['--data-dir', dataDir, ...(etcd ? ['--etcd-servers', etcd.endpoints.join(',')] : [])]);
}

for (const backend of BACKENDS) test(`SIGKILL during concurrent creates loses no acknowledged write (${backend})`, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kurator-kill-'));
  const etcd = backend === 'etcd' ? await startEtcd() : undefined;
  try {
    const { child: hub, url: server, exited } = await spawnStorageHub(dataDir, etcd);
    const acknowledged = new Map<string, number>();
    let stop = false;
    const writer = async (id: number) => {
      const client = new HubClient({ url: server, kubeconfigPath: join(dataDir, 'kubeconfig') });
      for (let i = 0; !stop; i++) {
        const name = `c${id}-${i}`;
        try {
          const res = await client.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { i: String(i) } });
          if (res.status === 201) acknowledged.set(name, Number((res.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion));
        } catch {
          return; // the hub is gone
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await new Promise((r) => setTimeout(r, 1500));
    hub.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await exited;
    assert.ok(acknowledged.size > 50, `expected many acknowledged creates, got ${acknowledged.size}`);

    const { child: restarted, url: again, exited: restartedExit } = await spawnStorageHub(dataDir, etcd);
    try {
      const client = new HubClient({ url: again, kubeconfigPath: join(dataDir, 'kubeconfig') });
      const list = (await client.request('GET', '/api/v1/namespaces/default/configmaps')).body as { items: { metadata: { name: string } }[] };
      const present = new Set(list.items.map((i) => i.metadata.name));
      const missing = [...acknowledged.keys()].filter((n) => !present.has(n));
      assert.deepEqual(missing, [], 'every create that returned 201 survived');
      const maxOld = Math.max(...acknowledged.values());
      const fresh = await client.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-restart' } });
      assert.equal(fresh.status, 201);
      assert.ok(Number((fresh.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion) > maxOld, 'new resourceVersions are greater than every old one');
    } finally {
      restarted.kill('SIGKILL');
      await restartedExit;
    }
  } finally {
    await etcd?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

// On SQLite only: compare-and-swap on etcd is covered by the store conformance suite, and this test's
// thousands of requests cost tens of seconds per backend.
test('50 concurrent read-modify-write incrementers end at the exact total', async () => {
  const hub = await startTestHub();
  try {
    const client = new HubClient(hub);
    await client.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'counter' }, data: { n: '0' } });
    const PER_WORKER = 4;
    let conflicts = 0;
    const worker = async () => {
      const own = new HubClient(hub);
      for (let done = 0; done < PER_WORKER; ) {
        const current = (await own.request('GET', '/api/v1/namespaces/default/configmaps/counter')).body as { metadata: { resourceVersion: string }; data: { n: string } };
        current.data.n = String(Number(current.data.n) + 1);
        const res = await own.request('PUT', '/api/v1/namespaces/default/configmaps/counter', current);
        if (res.status === 200) done++;
        else if (res.status === 409) conflicts++;
        else throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    const final = (await client.request('GET', '/api/v1/namespaces/default/configmaps/counter')).body as { data: { n: string } };
    assert.equal(final.data.n, String(50 * PER_WORKER));
    assert.ok(conflicts > 0, 'concurrent writers did meet 409 Conflicts');
  } finally {
    await hub.dispose();
  }
});
