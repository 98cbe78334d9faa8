// `kurator hub --migrate-from sqlite:DIR --etcd-servers ...`: an embedded hub's objects of every kind (a
// CRD and its custom objects, Secrets encrypted at rest, hub kinds) move to etcd, and a hub on etcd serves
// each with the same contents. A second migration into the same prefix is refused unless --force.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/machinery/object.js';
import { startEtcd } from '../support/etcd.js';
import { startTestHub } from '../support/hub.js';
import { HubClient } from '../support/http.js';

const BIN = fileURLToPath(new URL('../../../bin/kurator.js', import.meta.url));

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { plural: 'widgets', kind: 'Widget' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, status: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } }],
  },
};

/** What a user sees, minus the one thing a migration must change. */
function withoutResourceVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}

function runKurator(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('migrating an embedded hub to etcd keeps every object and its contents', async () => {
  const etcd = await startEtcd();
  const etcdDataDir = await mkdtemp(join(tmpdir(), 'kurator-migrated-'));
  const sqlite = await startTestHub({ controllers: false });
  const paths: string[] = [];
  try {
    const api = new HubClient(sqlite);
    const post = async (path: string, body: unknown): Promise<void> => {
      const res = await api.request('POST', path, body);
      assert.equal(res.status, 201, `${path}: ${res.text}`);
      if (!paths.includes(path)) paths.push(path);
    };
    await post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', CRD);
    await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { team: 'a' } } });
    for (let i = 0; i < 3; i++) {
      await post('/apis/example.com/v1/namespaces/team-a/widgets', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: `w${i}`, annotations: { note: `widget ${i}` } }, spec: { size: i } });
    }
    const status = await api.request('PUT', '/apis/example.com/v1/namespaces/team-a/widgets/w1/status', { ...((await api.request('GET', '/apis/example.com/v1/namespaces/team-a/widgets/w1')).body as object), status: { ok: true } });
    assert.equal(status.status, 200, status.text);
    await post('/api/v1/namespaces/team-a/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast', 'big.txt': 'x'.repeat(10_000) } });
    await post('/api/v1/namespaces/team-a/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, stringData: { token: 's3cr3t' } });
    await post('/apis/fleet.kurator.dev/v1alpha1/namespaces/team-a/fleets', { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: 'fleet-a' }, spec: { clusters: [] } });
    await post('/apis/apps/v1/namespaces/team-a/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
    paths.push('/api/v1/namespaces', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
    const before = new Map<string, KubeObject[]>();
    for (const path of paths) before.set(path, ((await api.request('GET', path)).body as { items: KubeObject[] }).items);
    const stored = sqlite.store.list('').items.map((e) => [e.key, withoutResourceVersion(e.object)] as const);
    api.close();
    await sqlite.stop();

    const migrate = ['hub', '--migrate-from', `sqlite:${sqlite.dataDir}`, '--etcd-servers', etcd.endpoints.join(','), '--data-dir', etcdDataDir, '--log-level', 'warn'];
    const first = await runKurator(migrate);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`Migrated ${stored.length} objects from .*hub\\.db .* to etcd .* under /registry`));
    assert.match(first.stdout, /\b3\s+example\.com\/widgets\b/);

    const refused = await runKurator(migrate);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, new RegExp(`etcd already holds ${stored.length} objects under /registry; .* pass --force`));
    const forced = await runKurator([...migrate, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, new RegExp(`replacing the ${stored.length} objects it held`));

    const hub = await startTestHub({ dataDir: etcdDataDir, etcd: { endpoints: etcd.endpoints }, controllers: false });
    const client = new HubClient(hub);
    try {
      for (const [key, object] of stored) assert.deepEqual(hub.store.get(key) && withoutResourceVersion(hub.store.get(key)!.object), object, key);
      for (const path of paths) {
        const now = ((await client.request('GET', path)).body as { items: KubeObject[] }).items;
        assert.deepEqual(now.map(withoutResourceVersion), before.get(path)!.map(withoutResourceVersion), path);
      }
      const secret = (await client.request('GET', '/api/v1/namespaces/team-a/secrets/token')).body as { data: { token: string } };
      assert.equal(Buffer.from(secret.data.token, 'base64').toString(), 's3cr3t');
      // The CRD is served from its migrated definition.
      assert.equal((await client.request('GET', '/apis/example.com/v1/namespaces/team-a/widgets/w1')).status, 200);
    } finally {
      client.close();
      await hub.dispose();
    }
  } finally {
    await sqlite.dispose();
    await rm(etcdDataDir, { recursive: true, force: true });
    await etcd.stop();
  }
});
