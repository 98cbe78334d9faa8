// Metadata-only answers (Accept: application/json;as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1)
// for GET, LIST and WATCH through the HTTP API, as client-go's metadata client uses them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, type TestHub } from '../support/hub.js';
import { HubClient } from '../support/http.js';
import { openWatch } from '../support/watch.js';

const POM = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
const POML = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const NS = '/api/v1/namespaces/default';

interface Meta {
  name?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface PartialMeta {
  kind: string;
  apiVersion: string;
  metadata: Meta;
  [k: string]: unknown;
}
interface PartialList {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: PartialMeta[];
}

function assertPartial(object: unknown, name: string, apiVersion = 'meta.k8s.io/v1'): PartialMeta {
  const partial = object as PartialMeta;
  assert.equal(partial.kind, 'PartialObjectMetadata');
  assert.equal(partial.apiVersion, apiVersion);
  assert.equal(partial.metadata.name, name);
  assert.match(partial.metadata.uid ?? '', /\S/);
  assert.match(partial.metadata.resourceVersion ?? '', /^\d+$/);
  assert.deepEqual(Object.keys(partial).sort(), ['apiVersion', 'kind', 'metadata'], 'no data, spec or status');
  return partial;
}

describe('metadata-only representation (PartialObjectMetadata)', () => {
  let hub: TestHub;
  let api: HubClient;

  before(async () => {
    hub = await startTestHub({ storage: 'memory', server: { bookmarkIntervalMs: 200 } });
    api = new HubClient(hub);
    const secret = await api.request('POST', `${NS}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pm-secret', labels: { pm: 'yes' } }, stringData: { password: 's3cret' } });
    assert.equal(secret.status, 201, secret.text);
    for (const [name, pm] of [['pm-a', 'yes'], ['pm-b', 'yes'], ['pm-c', 'yes'], ['pm-other', 'no']] as const) {
      const cm = await api.request('POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { pm } }, data: { key: 'value' } });
      assert.equal(cm.status, 201, cm.text);
    }
  });
  after(async () => {
    api.close();
    await hub.dispose();
  });

  test('GET one object: its metadata only, never the Secret data; v1beta1 too; plain GET unchanged', async () => {
    const full = await api.request('GET', `${NS}/secrets/pm-secret`);
    assert.equal(full.status, 200, full.text);
    const fullSecret = full.body as { kind: string; data: Record<string, string>; metadata: Meta };
    assert.equal(fullSecret.kind, 'Secret');
    assert.equal(Buffer.from(fullSecret.data.password!, 'base64').toString(), 's3cret');

    const res = await api.request('GET', `${NS}/secrets/pm-secret`, undefined, { Accept: POM });
    assert.equal(res.status, 200, res.text);
    const partial = assertPartial(res.body, 'pm-secret');
    assert.deepEqual(partial.metadata, fullSecret.metadata, 'the full metadata');
    assert.deepEqual(partial.metadata.labels, { pm: 'yes' });
    assert.doesNotMatch(res.text, /s3cret|czNjcmV0/, 'no secret value (managedFields name the key only)');

    const beta = await api.request('GET', `${NS}/configmaps/pm-a`, undefined, { Accept: 'application/json;v=v1beta1;as=PartialObjectMetadata;g=meta.k8s.io' });
    assertPartial(beta.body, 'pm-a', 'meta.k8s.io/v1beta1');

    const clientGo = await api.request('GET', `${NS}/configmaps/pm-a`, undefined, { Accept: `application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,${POM},application/json` });
    assertPartial(clientGo.body, 'pm-a');

    const missing = await api.request('GET', `${NS}/configmaps/nope`, undefined, { Accept: POM });
    assert.equal(missing.status, 404);
  });

  test('LIST: PartialObjectMetadataList with selectors, limit and continue', async () => {
    const first = await api.request('GET', `${NS}/configmaps?labelSelector=pm%3Dyes&limit=2`, undefined, { Accept: `${POML},application/json` });
    assert.equal(first.status, 200, first.text);
    const page1 = first.body as PartialList;
    assert.equal(page1.kind, 'PartialObjectMetadataList');
    assert.equal(page1.apiVersion, 'meta.k8s.io/v1');
    assert.match(page1.metadata.resourceVersion ?? '', /^\d+$/);
    assert.ok(page1.metadata.continue, 'a continue token');
    assert.deepEqual(page1.items.map((i) => i.metadata.name), ['pm-a', 'pm-b']);
    for (const item of page1.items) assertPartial(item, item.metadata.name!);
    assert.doesNotMatch(first.text, /"data"|"value"/);

    const second = await api.request('GET', `${NS}/configmaps?labelSelector=pm%3Dyes&limit=2&continue=${encodeURIComponent(page1.metadata.continue!)}`, undefined, { Accept: POML });
    const page2 = second.body as PartialList;
    assert.equal(page2.kind, 'PartialObjectMetadataList');
    assert.deepEqual(page2.items.map((i) => i.metadata.name), ['pm-c']);
    assert.equal(page2.metadata.continue, undefined);

    const unpaged = (await api.request('GET', `${NS}/configmaps?limit=1`, undefined, { Accept: POML })).body as PartialList;
    assert.equal(unpaged.items.length, 1);
    assert.equal(typeof unpaged.metadata.remainingItemCount, 'number', 'remainingItemCount as in a normal list');

    const secrets = await api.request('GET', `${NS}/secrets?labelSelector=pm%3Dyes`, undefined, { Accept: POML });
    assert.deepEqual((secrets.body as PartialList).items.map((i) => i.metadata.name), ['pm-secret']);
    assert.doesNotMatch(secrets.text, /s3cret|czNjcmV0/);

    const plain = (await api.request('GET', `${NS}/configmaps?labelSelector=pm%3Dno`)).body as { kind: string; items: { data?: unknown }[] };
    assert.equal(plain.kind, 'ConfigMapList');
    assert.deepEqual(plain.items[0]?.data, { key: 'value' });
  });

  test('WATCH: ADDED, MODIFIED and DELETED as PartialObjectMetadata, and metadata-only bookmarks', async () => {
    const cms = `${NS}/configmaps`;
    const watch = openWatch(hub, `${cms}?watch=1&labelSelector=w%3Dpm&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan`, { Accept: POM });
    try {
      assert.equal(await watch.status, 200);
      await watch.waitFor((e) => e.some((x) => x.type === 'BOOKMARK' && x.object.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true'));
      const initialEnd = watch.events.find((e) => e.type === 'BOOKMARK')!.object;
      assert.equal(initialEnd.kind, 'PartialObjectMetadata');
      assert.equal(initialEnd['apiVersion'], 'meta.k8s.io/v1');
      assert.match(initialEnd.metadata?.resourceVersion ?? '', /^\d+$/);

      const created = await api.request('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pm-w', labels: { w: 'pm' } }, data: { key: 'v1' } });
      assert.equal(created.status, 201, created.text);
      const updated = await api.request('PUT', `${cms}/pm-w`, { ...(created.body as object), data: { key: 'v2' } });
      assert.equal(updated.status, 200, updated.text);
      assert.equal((await api.request('DELETE', `${cms}/pm-w`)).status, 200);
      await watch.waitFor((e) => e.some((x) => x.type === 'DELETED'));

      const changes = watch.events.filter((e) => e.type !== 'BOOKMARK');
      assert.deepEqual(changes.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
      for (const event of changes) assertPartial(event.object, 'pm-w');
      assert.equal(changes[1]!.object.metadata?.resourceVersion, (updated.body as { metadata: Meta }).metadata.resourceVersion);

      // Periodic bookmarks (the hub sends one every 200ms) are metadata-only too.
      await watch.waitFor((e) => e.filter((x) => x.type === 'BOOKMARK').length >= 2);
      for (const bookmark of watch.events.filter((e) => e.type === 'BOOKMARK')) assert.equal(bookmark.object.kind, 'PartialObjectMetadata');
    } finally {
      watch.close();
    }
  });

  test('the wrong shape is 406 NotAcceptable unless plain JSON is also acceptable', async () => {
    const cases: [string, string, string][] = [
      [`${NS}/configmaps/pm-a`, POML, 'you requested PartialObjectMetadataList, but the requested object is not a list'],
      [`${NS}/configmaps?watch=true`, POML, 'you requested PartialObjectMetadataList, but the requested object is not a list'],
      [`${NS}/configmaps`, POM, 'you requested PartialObjectMetadata, but the requested object is a list'],
    ];
    for (const [path, accept, message] of cases) {
      const res = await api.request('GET', path, undefined, { Accept: accept });
      assert.equal(res.status, 406, `${path}: ${res.text}`);
      const status = res.body as { kind: string; apiVersion: string; status: string; reason: string; code: number; message: string };
      assert.deepEqual({ ...status, metadata: undefined }, { kind: 'Status', apiVersion: 'v1', metadata: undefined, status: 'Failure', reason: 'NotAcceptable', code: 406, message });
    }

    const fallbackGet = await api.request('GET', `${NS}/configmaps/pm-a`, undefined, { Accept: `${POML},application/json` });
    assert.equal(fallbackGet.status, 200);
    assert.equal((fallbackGet.body as { kind: string }).kind, 'ConfigMap');
    const fallbackList = await api.request('GET', `${NS}/configmaps`, undefined, { Accept: `${POM},*/*` });
    assert.equal(fallbackList.status, 200);
    assert.equal((fallbackList.body as { kind: string }).kind, 'ConfigMapList');
  });
});
