// @kubernetes/client-node 1.x against the hub: typed APIs, the generic object API, Watch, an informer
// that relists after 410 Gone, and the seed's dynamic-client Fleet.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, PatchStrategy, Watch, makeInformer, type KubernetesObject, type V1ConfigMap } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import { startTestHub, type TestHub } from '../support/hub.js';
import { corpusPath } from '../support/corpus.js';
import { eventually } from '../support/wait.js';

const WAIT = { timeoutMs: 10_000, intervalMs: 20 };

describe('@kubernetes/client-node against the hub', () => {
  let hub: TestHub;
  let kc: KubeConfig;

  before(async () => {
    // Short watch timeouts make clients re-watch from their last resourceVersion, as they do against
    // kube-apiserver every 30-60 minutes.
    hub = await startTestHub({ server: { minWatchTimeoutSeconds: 1 } });
    kc = new KubeConfig();
    kc.loadFromFile(hub.kubeconfigPath);
  });
  after(async () => {
    await hub.dispose();
  });

  test('typed CoreV1Api creates, reads, lists with a label selector and deletes', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'cm1', labels: { tier: 'web' } }, data: { a: '1' } } });
    assert.equal(created.metadata?.name, 'cm1');
    assert.ok(created.metadata?.uid);
    const read = await core.readNamespacedConfigMap({ name: 'cm1', namespace: 'default' });
    assert.deepEqual(read.data, { a: '1' });
    const listed = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'tier=web' });
    assert.deepEqual(listed.items.map((i) => i.metadata?.name), ['cm1']);
    await core.deleteNamespacedConfigMap({ name: 'cm1', namespace: 'default' });
    await assert.rejects(core.readNamespacedConfigMap({ name: 'cm1', namespace: 'default' }), (e: { code?: number }) => e.code === 404);
  });

  test('generic KubernetesObjectApi: create, read, merge patch, server-side apply, list, delete', async () => {
    const api = KubernetesObjectApi.makeApiClient(kc);
    const spec = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } };
    const created = (await api.create(spec)) as unknown as { spec: { replicas: number } };
    assert.equal(created.spec.replicas, 1, 'defaults are applied');
    const patched = (await api.patch({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3 } } as KubernetesObject, undefined, undefined, undefined, undefined, PatchStrategy.MergePatch)) as KubernetesObject & { spec: { replicas: number } };
    assert.equal(patched.spec.replicas, 3);
    const applied = (await api.patch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' }, data: { k: 'v' } } as KubernetesObject, undefined, undefined, 'my-tool', true, PatchStrategy.ServerSideApply)) as V1ConfigMap;
    assert.deepEqual(applied.data, { k: 'v' });
    assert.equal(applied.metadata?.managedFields?.[0]?.manager, 'my-tool');
    const list = await api.list('apps/v1', 'Deployment', 'default');
    assert.deepEqual(list.items.map((i) => i.metadata?.name), ['web']);
    await api.delete(spec);
    await assert.rejects(api.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } }));
  });

  test('Watch delivers ADDED, MODIFIED and DELETED in order', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const seen: string[] = [];
    const watch = new Watch(kc);
    const controller = await watch.watch('/api/v1/namespaces/default/configmaps', { labelSelector: 'watched=yes' }, (phase, obj: V1ConfigMap) => seen.push(`${phase} ${obj.metadata?.name} ${obj.data?.v ?? ''}`), () => undefined);
    try {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w', labels: { watched: 'yes' } }, data: { v: '1' } } });
      // client-node sends typed patches as application/json-patch+json
      await core.patchNamespacedConfigMap({ name: 'w', namespace: 'default', body: [{ op: 'replace', path: '/data/v', value: '2' }] });
      await core.deleteNamespacedConfigMap({ name: 'w', namespace: 'default' });
      await eventually('three watch events', () => seen.length >= 3, WAIT);
      assert.deepEqual(seen, ['ADDED w 1', 'MODIFIED w 2', 'DELETED w 2']);
    } finally {
      controller.abort();
    }
  });

  test('an informer keeps its cache through a 410 Expired and relists', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(kc, '/api/v1/namespaces/default/secrets', () => core.listNamespacedSecret({ namespace: 'default' }));
    const errors: unknown[] = [];
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    try {
      await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 's1' }, stringData: { k: 'v' } } });
      await eventually('s1 in the informer cache', () => informer.get('s1', 'default') !== undefined, WAIT);
      // Churn the store and compact so the informer's resourceVersion falls out of history.
      for (let i = 0; i < 30; i++) await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: `churn-${i}` } } });
      await hub.store.compact(hub.store.revision - 1);
      // The informer's watch times out and resumes from its last resourceVersion, now compacted: 410.
      await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 's2' }, stringData: { k: 'v' } } });
      await eventually('s2 in the informer cache after the relist', () => informer.get('s2', 'default') !== undefined, { ...WAIT, timeoutMs: 15_000 });
      assert.ok(informer.get('s1', 'default'), 'the relisted cache still has s1');
      assert.deepEqual(informer.list('default').map((s) => s.metadata?.name).sort(), ['s1', 's2']);
    } finally {
      await informer.stop();
    }
  });

  test("the seed's dynamic-client Fleet is created through the standard REST API", async (t) => {
    const path = corpusPath('seeds/07-fleet-dynamic-client.md');
    if (!path || !existsSync(path)) {
      t.skip('no ../shared/corpus beside the project');
      return;
    }
    const markdown = readFileSync(path, 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1];
    assert.ok(yaml, 'the seed carries a YAML block');
    const fleet = parseYaml(yaml) as { metadata: { name: string; namespace: string } };
    const custom = kc.makeApiClient(CustomObjectsApi);
    const created = (await custom.createNamespacedCustomObject({ group: 'fleet.kurator.dev', version: 'v1alpha1', namespace: fleet.metadata.namespace, plural: 'fleets', body: fleet })) as { metadata: { name: string } };
    assert.equal(created.metadata.name, 'auto-created-fleet');
    const read = (await custom.getNamespacedCustomObject({ group: 'fleet.kurator.dev', version: 'v1alpha1', namespace: 'default', plural: 'fleets', name: 'auto-created-fleet' })) as { spec: { clusters: { name: string; kind: string }[] } };
    assert.deepEqual(read.spec.clusters, [
      { name: 'cluster-a', kind: 'AttachedCluster' },
      { name: 'cluster-b', kind: 'AttachedCluster' },
    ]);
  });
});
