// kube-apiserver semantics through the HTTP API: discovery, openapi, CRUD errors, status split,
// generation, finalizers, garbage collection, namespace deletion, selectors, pagination and watch.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, type TestHub } from '../support/hub.js';
import { BACKENDS, startBackendHub } from '../support/etcd.js';
import { HubClient } from '../support/http.js';
import { eventually } from '../support/wait.js';
import { openWatch } from '../support/watch.js';

type Obj = { apiVersion?: string; kind?: string; metadata: { name: string; uid?: string; resourceVersion?: string; generation?: number; deletionTimestamp?: string; finalizers?: string[]; ownerReferences?: unknown[]; labels?: Record<string, string> }; spec?: Record<string, unknown>; status?: Record<string, unknown>; [k: string]: unknown };

const GADGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: {
    group: 'example.com',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', shortNames: ['gd'] },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer', default: 1 },
                  mode: { type: 'string', default: 'auto' },
                  port: { 'x-kubernetes-int-or-string': true },
                  free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
              status: { type: 'object', properties: { replicas: { type: 'integer' }, phase: { type: 'string' } } },
            },
          },
        },
      },
      { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
    ],
  },
};

for (const backend of BACKENDS) describe(`API semantics (${backend})`, () => {
  let hub: TestHub;
  let api: HubClient;
  const G = '/apis/example.com/v1/namespaces/default/gadgets';

  before(async () => {
    hub = await startBackendHub(backend, { server: { bookmarkIntervalMs: 200, namespaceRecheckMs: 100 } });
    api = new HubClient(hub);
  });
  after(async () => {
    api.close();
    await hub.dispose();
  });

  test('version, health and metrics', async () => {
    const version = (await api.request('GET', '/version')).body as { major: string; minor: string };
    assert.equal(version.major, '1');
    assert.equal(version.minor, '32');
    for (const path of ['/healthz', '/livez', '/readyz']) assert.equal((await api.request('GET', path)).text, 'ok');
    await api.request('GET', '/api/v1/namespaces');
    const metrics = (await api.request('GET', '/metrics')).text;
    assert.match(metrics, /apiserver_request_total\{verb="list",group="",resource="namespaces",code="200"\} \d+/);
    assert.match(metrics, /apiserver_request_duration_seconds_bucket\{le="[^"]+",verb="list",group="",resource="namespaces"\}/);
    assert.match(metrics, /kurator_storage_revision\{cluster="root"\} \d+/);
    assert.match(metrics, /apiserver_registered_watchers/);
  });

  test('request metrics name only the resources the hub serves', async () => {
    // Paths can name anything: counting each name asked for would grow the series without bound.
    const unserved = ['/api/v1/madeupthings', '/apis/made.up.example/v1/things', '/api/v1/namespaces/default/configmaps/any/madeupsub'];
    for (const path of unserved) assert.equal((await api.request('GET', path)).status, 404, path);
    assert.equal((await api.request('GET', '/api/v1/namespaces/default/status')).status, 200);
    const metrics = (await api.request('GET', '/metrics')).text;
    assert.doesNotMatch(metrics, /madeup|made\.up/);
    assert.match(metrics, /apiserver_request_total\{verb="get",group="",resource="",code="404"\} [1-9]/);
    assert.match(metrics, /apiserver_request_total\{verb="get",group="",resource="configmaps",code="404"\} [1-9]/);
    assert.match(metrics, /apiserver_request_total\{verb="get",group="",resource="namespaces\/status",code="200"\} [1-9]/);
  });

  test('a CRD is in aggregated and legacy discovery and openapi when its create returns', async () => {
    const created = await api.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', GADGET_CRD);
    assert.equal(created.status, 201, created.text);
    const aggregated = await api.request('GET', '/apis', undefined, { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    assert.equal(aggregated.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const group = (aggregated.body as { items: { metadata: { name: string }; versions: { version: string; resources: { resource: string; shortNames?: string[]; subresources?: { subresource: string }[] }[] }[] }[] }).items.find((i) => i.metadata.name === 'example.com');
    assert.ok(group);
    assert.deepEqual(group.versions.map((v) => v.version), ['v1', 'v1beta1']);
    const gadgets = group.versions[0]!.resources.find((r) => r.resource === 'gadgets')!;
    assert.deepEqual(gadgets.shortNames, ['gd']);
    assert.deepEqual(gadgets.subresources?.map((s) => s.subresource).sort(), ['scale', 'status']);
    const legacy = (await api.request('GET', '/apis/example.com/v1')).body as { resources: { name: string }[] };
    assert.deepEqual(legacy.resources.map((r) => r.name).sort(), ['gadgets', 'gadgets/scale', 'gadgets/status']);
    const groups = (await api.request('GET', '/apis')).body as { kind: string; groups: { name: string; preferredVersion: { version: string } }[] };
    assert.equal(groups.kind, 'APIGroupList');
    assert.equal(groups.groups.find((g) => g.name === 'example.com')?.preferredVersion.version, 'v1');
    const root = (await api.request('GET', '/openapi/v3')).body as { paths: Record<string, { serverRelativeURL: string }> };
    const doc = (await api.request('GET', root.paths['apis/example.com/v1']!.serverRelativeURL)).body as { components: { schemas: Record<string, { 'x-kubernetes-group-version-kind': unknown }> } };
    assert.deepEqual(doc.components.schemas['com.example.v1.Gadget']!['x-kubernetes-group-version-kind'], [{ group: 'example.com', version: 'v1', kind: 'Gadget' }]);
    const crd = (await api.request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com')).body as { status: { conditions: { type: string; status: string }[] } };
    assert.deepEqual(crd.status.conditions.map((c) => `${c.type}=${c.status}`).sort(), ['Established=True', 'NamesAccepted=True']);
  });

  test('defaults, int-or-string, pruning per fieldValidation, and version conversion', async () => {
    const body = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { port: 'http', free: { any: { thing: 1 } }, extra: true } };
    const strict = await api.request('POST', `${G}?fieldValidation=Strict`, body);
    assert.equal(strict.status, 400);
    assert.match((strict.body as { message: string }).message, /strict decoding error: unknown field "spec.extra"/);
    const warn = await api.request('POST', `${G}?fieldValidation=Warn`, body);
    assert.equal(warn.status, 201);
    assert.match(String(warn.headers.warning), /unknown field \\"spec.extra\\"/);
    const g1 = warn.body as Obj;
    assert.deepEqual(g1.spec, { port: 'http', free: { any: { thing: 1 } }, replicas: 1, mode: 'auto' });
    assert.equal(g1.metadata.generation, 1);
    const beta = (await api.request('GET', '/apis/example.com/v1beta1/namespaces/default/gadgets/g1')).body as Obj;
    assert.equal(beta.apiVersion, 'example.com/v1beta1');
    assert.deepEqual(beta.spec, g1.spec);
  });

  test('metadata fields ObjectMeta lacks are dropped, refused by Strict and reported by Warn, __proto__ included', async () => {
    const CM = '/api/v1/namespaces/default/configmaps';
    const owner = (await api.request('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'meta-owner' } })).body as Obj;
    const ownerReference = `{"apiVersion":"v1","kind":"ConfigMap","name":"meta-owner","uid":"${owner.metadata.uid}","note":"x"}`;
    // A raw body: a JavaScript literal would turn "__proto__" into a prototype instead of a field.
    const body = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}","owner":"me","__proto__":{"deletionTimestamp":"2026-01-01T00:00:00Z"},"ownerReferences":[${ownerReference}]},"data":{"k":"v"}}`;
    const strict = await api.request('POST', `${CM}?fieldValidation=Strict`, body('meta-strict'));
    assert.equal(strict.status, 400, strict.text);
    assert.match((strict.body as { message: string }).message, /strict decoding error: unknown field "metadata.__proto__", unknown field "metadata.owner", unknown field "metadata.ownerReferences\[0\].note"/);
    const warn = await api.request('POST', CM, body('meta-warn'));
    assert.equal(warn.status, 201, warn.text);
    assert.match(String(warn.headers.warning), /unknown field \\"metadata.owner\\"/);
    const stored = await api.request('GET', `${CM}/meta-warn`);
    assert.doesNotMatch(stored.text, /__proto__|"owner"|deletionTimestamp|"note"/);
    assert.deepEqual((stored.body as { data: unknown }).data, { k: 'v' });
    assert.deepEqual((stored.body as Obj).metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'meta-owner', uid: owner.metadata.uid }]);
    const deleted = await api.request('DELETE', `${CM}/meta-warn`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal((await api.request('GET', `${CM}/meta-warn`)).status, 404, 'deleted at once: nothing in its metadata holds it');
  });

  test('status subresource: the main resource ignores status, /status ignores the rest; generation counts spec only', async () => {
    const g1 = (await api.request('GET', `${G}/g1`)).body as Obj;
    const statusWrite = await api.request('PUT', `${G}/g1/status`, { ...g1, spec: { replicas: 9 }, status: { replicas: 2, phase: 'Ready' } });
    assert.equal(statusWrite.status, 200, statusWrite.text);
    const afterStatus = statusWrite.body as Obj;
    assert.deepEqual(afterStatus.status, { replicas: 2, phase: 'Ready' });
    assert.equal(afterStatus.spec?.replicas, 1, '/status does not change spec');
    assert.equal(afterStatus.metadata.generation, 1, 'status writes do not bump generation');
    const mainWrite = (await api.request('PUT', `${G}/g1`, { ...afterStatus, spec: { ...afterStatus.spec, replicas: 3 }, status: { phase: 'Lost' } })).body as Obj;
    assert.deepEqual(mainWrite.status, { replicas: 2, phase: 'Ready' }, 'the main resource does not change status');
    assert.equal(mainWrite.metadata.generation, 2);
    const labelsOnly = (await api.request('PATCH', `${G}/g1`, { metadata: { labels: { a: 'b' } } }, { 'Content-Type': 'application/merge-patch+json' })).body as Obj;
    assert.equal(labelsOnly.metadata.generation, 2, 'metadata changes do not bump generation');
    const scale = (await api.request('GET', `${G}/g1/scale`)).body as { kind: string; spec: { replicas: number }; status: { replicas: number } };
    assert.equal(scale.kind, 'Scale');
    assert.deepEqual([scale.spec.replicas, scale.status.replicas], [3, 2]);
    const scaled = await api.request('PATCH', `${G}/g1/scale`, { spec: { replicas: 5 } }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(scaled.status, 200, scaled.text);
    assert.equal(((await api.request('GET', `${G}/g1`)).body as Obj).spec?.replicas, 5);
    // An update that keeps the stored status prunes unknown top-level fields like any write, whatever their names.
    const current = (await api.request('GET', `${G}/g1`)).body as Obj;
    const withUnknown = JSON.stringify({ ...current, spec: { ...current.spec, replicas: 6 } }).replace(/^\{/, '{"constructor":1,"toString":"x",');
    const kept = await api.request('PUT', `${G}/g1?fieldValidation=Ignore`, withUnknown);
    assert.equal(kept.status, 200, kept.text);
    assert.deepEqual(Object.keys((await api.request('GET', `${G}/g1`)).body as object).sort(), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  });

  test('Status errors carry reason, code and details', async () => {
    const missing = await api.request('GET', `${G}/nope`);
    assert.deepEqual(missing.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'gadgets.example.com "nope" not found', reason: 'NotFound', details: { name: 'nope', group: 'example.com', kind: 'gadgets' }, code: 404 });
    const dup = await api.request('POST', G, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' } });
    assert.equal(dup.status, 409);
    assert.equal((dup.body as { reason: string }).reason, 'AlreadyExists');
    const invalid = await api.request('POST', G, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'Bad_Name' }, spec: { replicas: 'x' } });
    assert.equal(invalid.status, 422);
    const causes = (invalid.body as { details: { causes: { field: string; reason: string }[] } }).details.causes;
    assert.ok(causes.some((c) => c.field === 'metadata.name' && c.reason === 'FieldValueInvalid'));
    assert.ok(causes.some((c) => c.field === 'spec.replicas'));
    // A patch's content type is looked up as a name, never as a property every object has.
    for (const contentType of ['constructor', '__proto__', 'text/plain']) {
      const unsupported = await api.request('PATCH', `${G}/g1`, { spec: {} }, { 'Content-Type': contentType });
      assert.equal(unsupported.status, 415, contentType);
      assert.match((unsupported.body as { message: string }).message, /^the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml$/, contentType);
    }
  });

  test('members named like Object members are ordinary data through every patch type and a Secret\'s stringData', async () => {
    const cm = '/api/v1/namespaces/default/configmaps/proto-data';
    assert.equal((await api.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'proto-data' }, data: { k: 'v' } })).status, 201);
    const patch = async (contentType: string, body: string): Promise<Record<string, string>> => {
      const res = await api.request('PATCH', `${cm}?fieldManager=proto-test`, body, { 'Content-Type': contentType });
      assert.equal(res.status, 200, `${contentType}: ${res.text}`);
      return ((await api.request('GET', cm)).body as { data: Record<string, string> }).data;
    };
    // Raw bodies: a JavaScript literal would turn "__proto__" into a prototype instead of a member.
    assert.deepEqual(await patch('application/merge-patch+json', '{"data":{"__proto__":"p","constructor":"c"}}'), JSON.parse('{"k":"v","__proto__":"p","constructor":"c"}'));
    assert.deepEqual(await patch('application/json-patch+json', '[{"op":"add","path":"/data/toString","value":"t"},{"op":"remove","path":"/data/__proto__"}]'), JSON.parse('{"k":"v","constructor":"c","toString":"t"}'));
    assert.deepEqual(await patch('application/strategic-merge-patch+json', '{"data":{"constructor":null,"valueOf":"w"}}'), JSON.parse('{"k":"v","toString":"t","valueOf":"w"}'));
    assert.deepEqual(await patch('application/apply-patch+yaml', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"proto-data"},"data":{"__proto__":"applied"}}'), JSON.parse('{"k":"v","toString":"t","valueOf":"w","__proto__":"applied"}'));
    // Unknown top-level fields with such names are pruned like any other, or refused under Strict.
    const pruned = await api.request('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Ignore', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"proto-pruned"},"constructor":1,"toString":"x","data":{"k":"v"}}');
    assert.equal(pruned.status, 201, pruned.text);
    assert.equal(((await api.request('GET', '/api/v1/namespaces/default/configmaps/proto-pruned')).text).includes('constructor'), false, 'constructor pruned');
    assert.deepEqual(Object.keys((await api.request('GET', '/api/v1/namespaces/default/configmaps/proto-pruned')).body as object).sort(), ['apiVersion', 'data', 'kind', 'metadata']);
    const strictly = await api.request('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"proto-strict"},"constructor":1}');
    assert.equal(strictly.status, 400, strictly.text);
    assert.match((strictly.body as { message: string }).message, /unknown field "constructor"/);
    // A Secret's stringData folds into data under the same names.
    const secret = await api.request('POST', '/api/v1/namespaces/default/secrets', '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"proto-secret"},"stringData":{"__proto__":"p","constructor":"c"}}');
    assert.equal(secret.status, 201, secret.text);
    assert.deepEqual((secret.body as { data: Record<string, string> }).data, JSON.parse('{"__proto__":"cA==","constructor":"Yw=="}'));
  });

  test('built-in kinds kube keeps no generation for (ConfigMap, Service, Namespace, Pod ...) get none, through updates and deletion; workloads do', async () => {
    const CM = '/api/v1/namespaces/default/configmaps';
    const created = (await api.request('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nogen', finalizers: ['example.com/hold'] }, data: { a: '1' } })).body as Obj;
    assert.equal(created.metadata.generation, undefined);
    const updated = (await api.request('PUT', `${CM}/nogen`, { ...created, metadata: { ...created.metadata, generation: 7 }, data: { a: '2' } })).body as Obj;
    assert.equal(updated.metadata.generation, undefined, 'an update cannot set generation');
    const deleting = (await api.request('DELETE', `${CM}/nogen`)).body as Obj;
    assert.ok(deleting.metadata.deletionTimestamp);
    assert.equal(deleting.metadata.generation, undefined, 'marking it deleted adds none');
    await api.request('PATCH', `${CM}/nogen`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    const ns = (await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'nogen' } })).body as Obj;
    assert.equal(ns.metadata.generation, undefined);
    const pod = (await api.request('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nogen' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } })).body as Obj;
    assert.equal(pod.metadata.generation, undefined);
    await api.request('DELETE', '/api/v1/namespaces/default/pods/nogen');
    await api.request('DELETE', '/api/v1/namespaces/nogen');
    // A workload counts its spec changes, and its deletion under a finalizer.
    const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
    const template = { metadata: { labels: { app: 'gen' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const deploy = (await api.request('POST', DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'gen', finalizers: ['example.com/hold'] }, spec: { replicas: 1, selector: { matchLabels: { app: 'gen' } }, template } })).body as Obj;
    assert.equal(deploy.metadata.generation, 1);
    const scaled = (await api.request('PATCH', `${DEPLOY}/gen`, { spec: { replicas: 2 } }, { 'Content-Type': 'application/merge-patch+json' })).body as Obj;
    assert.equal(scaled.metadata.generation, 2);
    const merge = { 'Content-Type': 'application/merge-patch+json' };
    const labelled = (await api.request('PATCH', `${DEPLOY}/gen`, { metadata: { labels: { a: 'b' } } }, merge)).body as Obj;
    assert.equal(labelled.metadata.generation, 2, 'labels are not counted');
    const annotated = (await api.request('PATCH', `${DEPLOY}/gen`, { metadata: { annotations: { a: 'b' } } }, merge)).body as Obj;
    assert.equal(annotated.metadata.generation, 3, "a Deployment's annotations are, as kube-apiserver counts them");
    const deletingDeploy = (await api.request('DELETE', `${DEPLOY}/gen`)).body as Obj;
    assert.equal(deletingDeploy.metadata.generation, 4);
    await api.request('PATCH', `${DEPLOY}/gen`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
  });

  test('finalizers hold a deleted object until removed; no new finalizers while deleting', async () => {
    await api.request('POST', G, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'held', finalizers: ['example.com/a'] } });
    const deleted = await api.request('DELETE', `${G}/held`);
    assert.equal(deleted.status, 200);
    assert.ok((deleted.body as Obj).metadata.deletionTimestamp);
    const added = await api.request('PATCH', `${G}/held`, { metadata: { finalizers: ['example.com/a', 'example.com/b'] } }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(added.status, 422);
    const released = await api.request('PATCH', `${G}/held`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(released.status, 200);
    assert.equal((await api.request('GET', `${G}/held`)).status, 404);
  });

  test('garbage collection: background, foreground and orphan', async () => {
    const mk = async (name: string, owner?: Obj) => {
      const body: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } };
      if (owner) body.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name, uid: owner.metadata.uid }];
      const res = await api.request('POST', '/api/v1/namespaces/default/configmaps', body);
      assert.equal(res.status, 201, res.text);
      return res.body as Obj;
    };
    const gone = async (name: string) => {
      for (let i = 0; i < 200; i++) {
        if ((await api.request('GET', `/api/v1/namespaces/default/configmaps/${name}`)).status === 404) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    };
    const owner = await mk('bg-owner');
    const child = await mk('bg-child', owner);
    await mk('bg-grandchild', child);
    await api.request('DELETE', '/api/v1/namespaces/default/configmaps/bg-owner', { propagationPolicy: 'Background' });
    assert.ok(await gone('bg-child'), 'background: the dependent is collected');
    assert.ok(await gone('bg-grandchild'), 'background: collection cascades');

    const fgOwner = await mk('fg-owner');
    await mk('fg-child', fgOwner);
    const fgDelete = (await api.request('DELETE', '/api/v1/namespaces/default/configmaps/fg-owner', { propagationPolicy: 'Foreground' })).body as Obj;
    assert.ok(fgDelete.metadata.finalizers?.includes('foregroundDeletion'));
    assert.ok(await gone('fg-child'));
    assert.ok(await gone('fg-owner'), 'foreground: the owner goes once its dependents are gone');

    const orOwner = await mk('or-owner');
    await mk('or-child', orOwner);
    await api.request('DELETE', '/api/v1/namespaces/default/configmaps/or-owner', { propagationPolicy: 'Orphan' });
    assert.ok(await gone('or-owner'));
    const orphan = (await api.request('GET', '/api/v1/namespaces/default/configmaps/or-child')).body as Obj;
    assert.equal(orphan.metadata.ownerReferences, undefined, 'orphan: the dependent stays without its owner reference');

    // Without a body the options come from the query, as kube-apiserver reads them (orphanDependents too).
    const qOwner = await mk('q-owner');
    await mk('q-child', qOwner);
    assert.equal((await api.request('DELETE', '/api/v1/namespaces/default/configmaps/q-owner?orphanDependents=true')).status, 200);
    assert.ok(await gone('q-owner'));
    const qOrphan = await api.request('GET', '/api/v1/namespaces/default/configmaps/q-child');
    assert.equal(qOrphan.status, 200, 'orphanDependents=true in the query orphans the dependent');
    assert.equal((qOrphan.body as Obj).metadata.ownerReferences, undefined);

    // A policy other than the three, in the body or the query, is refused and nothing is deleted.
    const kept = await mk('kept');
    for (const [path, body] of [['kept?propagationPolicy=constructor', undefined], ['kept', { propagationPolicy: 'Sideways' }]] as const) {
      const refused = await api.request('DELETE', `/api/v1/namespaces/default/configmaps/${path}`, body);
      assert.equal(refused.status, 422, path);
      const policy = body ? 'Sideways' : 'constructor';
      assert.equal((refused.body as { message: string }).message, `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    const both = await api.request('DELETE', '/api/v1/namespaces/default/configmaps/kept', { orphanDependents: true, propagationPolicy: 'Orphan' });
    assert.equal(both.status, 422);
    assert.equal((both.body as { message: string }).message, 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set');
    const grace = await api.request('DELETE', '/api/v1/namespaces/default/configmaps/kept?gracePeriodSeconds=soon');
    assert.equal(grace.status, 400);
    const dryRun = await api.request('DELETE', '/api/v1/namespaces/default/configmaps/kept?dryRun=constructor');
    assert.equal(dryRun.status, 400);
    assert.equal((dryRun.body as { message: string }).message, 'Invalid dryRun value: "constructor": supported values: "All"');
    assert.equal(((await api.request('GET', '/api/v1/namespaces/default/configmaps/kept')).body as Obj).metadata.uid, kept.metadata.uid);
  });

  test('garbage collection follows owner references an update adds or keeps', async () => {
    const base = '/api/v1/namespaces/default/configmaps';
    const create = async (name: string) => (await api.request('POST', base, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } })).body as Obj;
    const gone = async (name: string) => {
      for (let i = 0; i < 200; i++) {
        if ((await api.request('GET', `${base}/${name}`)).status === 404) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    };
    const ref = (owner: Obj) => [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name, uid: owner.metadata.uid }];
    const merge = { 'Content-Type': 'application/merge-patch+json' };
    // An owner deleted before anything refers to it; an update that then points at it has the object collected.
    const late = await create('gc-late-owner');
    await api.request('DELETE', `${base}/gc-late-owner`);
    await create('gc-late-child');
    assert.equal((await api.request('PATCH', `${base}/gc-late-child`, { metadata: { ownerReferences: ref(late) } }, merge)).status, 200);
    assert.ok(await gone('gc-late-child'), 'an update that adds a reference to a missing owner gets the object collected');
    // Updates that keep the owner reference as it was leave the dependent in place, and tied to its owner.
    const owner = await create('gc-kept-owner');
    assert.equal((await api.request('POST', base, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gc-kept-child', ownerReferences: ref(owner) } })).status, 201);
    for (let i = 0; i < 5; i++) assert.equal((await api.request('PATCH', `${base}/gc-kept-child`, { data: { round: String(i) } }, merge)).status, 200);
    assert.equal((await api.request('GET', `${base}/gc-kept-child`)).status, 200, 'the dependent of a live owner stays');
    await api.request('DELETE', `${base}/gc-kept-owner`);
    assert.ok(await gone('gc-kept-child'), 'and goes with its owner');
  });

  test('garbage collection: an owner stored before any reference named its kind is found, and its dependents go with it', async () => {
    const secrets = '/api/v1/namespaces/default/secrets';
    const configMaps = '/api/v1/namespaces/default/configmaps';
    const owners: Obj[] = [];
    for (const name of ['gc-first-a', 'gc-first-b']) owners.push((await api.request('POST', secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name } })).body as Obj);
    const ref = (owner: Obj) => [{ apiVersion: 'v1', kind: 'Secret', name: owner.metadata.name, uid: owner.metadata.uid }];
    for (const [i, owner] of owners.entries()) {
      const res = await api.request('POST', configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `gc-first-child-${i}`, ownerReferences: ref(owner) } });
      assert.equal(res.status, 201, res.text);
    }
    await new Promise((r) => setTimeout(r, 200));
    for (const i of [0, 1]) assert.equal((await api.request('GET', `${configMaps}/gc-first-child-${i}`)).status, 200, 'a dependent of a live owner stays');
    await api.request('DELETE', `${secrets}/gc-first-b`);
    await eventually('the dependent to go with its owner', async () => (await api.request('GET', `${configMaps}/gc-first-child-1`)).status === 404, { timeoutMs: 4000, intervalMs: 20 });
    assert.equal((await api.request('GET', `${configMaps}/gc-first-child-0`)).status, 200, "the other owner's dependent stays");
  });

  test('namespace deletion: Terminating, no new content, contents removed, then gone', async () => {
    assert.equal((await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } })).status, 201);
    await api.request('POST', '/api/v1/namespaces/doomed/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    await api.request('POST', '/api/v1/namespaces/doomed/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/x'] } });
    const deleting = (await api.request('DELETE', '/api/v1/namespaces/doomed')).body as Obj;
    assert.equal(deleting.status?.phase, 'Terminating');
    const refused = await api.request('POST', '/api/v1/namespaces/doomed/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    assert.equal(refused.status, 403);
    assert.match((refused.body as { message: string }).message, /unable to create new content in namespace doomed because it is being terminated/);
    for (let i = 0; i < 100 && (await api.request('GET', '/api/v1/namespaces/doomed/configmaps/a')).status !== 404; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await api.request('GET', '/api/v1/namespaces/doomed')).status, 200, 'held by the finalizer of its content');
    const released = await api.request('PATCH', '/api/v1/namespaces/doomed/configmaps/held', { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(released.status, 200, 'removing the last finalizer of a terminating object is accepted');
    assert.equal((await api.request('GET', '/api/v1/namespaces/doomed/configmaps/held')).status, 404, 'and the object is gone');
    // The namespace goes once the namespace controller sees it empty (at once on the deletion event,
    // or at its next recheck); a loaded machine may take a while.
    await eventually('the emptied namespace to go', async () => (await api.request('GET', '/api/v1/namespaces/doomed')).status === 404, { timeoutMs: 20_000, intervalMs: 20 });
  });

  test('label and field selectors on list and watch; unsupported field → 400', async () => {
    const pods = '/api/v1/namespaces/default/pods';
    const pod = (name: string, node: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox' }] } });
    for (const [name, node, labels] of [
      ['p1', 'n1', { app: 'web', tier: 'front' }],
      ['p2', 'n2', { app: 'web' }],
      ['p3', 'n1', { app: 'db' }],
    ] as const) {
      const res = await api.request('POST', pods, pod(name, node, labels));
      assert.equal(res.status, 201, res.text);
    }
    const names = async (query: string) => ((await api.request('GET', `${pods}?${query}`)).body as { items: Obj[] }).items.map((i) => i.metadata.name).sort();
    assert.deepEqual(await names('labelSelector=app%3Dweb'), ['p1', 'p2']);
    assert.deepEqual(await names('labelSelector=app%3D%3Dweb,tier'), ['p1']);
    assert.deepEqual(await names('labelSelector=app!%3Dweb'), ['p3']);
    assert.deepEqual(await names('labelSelector=app%20in%20(db,cache)'), ['p3']);
    assert.deepEqual(await names('labelSelector=app%20notin%20(db)'), ['p1', 'p2']);
    assert.deepEqual(await names('labelSelector=!tier'), ['p2', 'p3']);
    assert.deepEqual(await names('fieldSelector=spec.nodeName%3Dn1'), ['p1', 'p3']);
    assert.deepEqual(await names('fieldSelector=status.phase%3DPending,metadata.name!%3Dp1'), ['p2', 'p3']);
    const bad = await api.request('GET', `${pods}?fieldSelector=spec.bogus%3D1`);
    assert.equal(bad.status, 400);
    assert.match((bad.body as { message: string }).message, /field label not supported: spec.bogus/);
    // Field labels are looked up as names, never as properties every object has.
    for (const field of ['constructor', '__proto__', 'toString']) {
      const unsupported = await api.request('GET', `${pods}?fieldSelector=${field}%3Dx`);
      assert.equal(unsupported.status, 400, field);
      assert.equal((unsupported.body as { message: string }).message, `field label not supported: ${field}`);
    }

    const watch = openWatch(hub, `${pods}?watch=true&fieldSelector=spec.nodeName%3Dn2`);
    try {
      await watch.waitFor((e) => e.some((x) => x.type === 'ADDED' && x.object.metadata?.name === 'p2'));
      await api.request('POST', pods, pod('p4', 'n1', {}));
      await api.request('POST', pods, pod('p5', 'n2', {}));
      await watch.waitFor((e) => e.some((x) => x.object.metadata?.name === 'p5'));
      assert.deepEqual(watch.events.map((e) => `${e.type} ${e.object.metadata?.name}`), ['ADDED p2', 'ADDED p5']);
    } finally {
      watch.close();
    }
  });

  test('pagination is consistent at the first page and an expired token is 410', async () => {
    const cms = '/api/v1/namespaces/pages/configmaps';
    await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pages' } });
    for (let i = 0; i < 10; i++) await api.request('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` } });
    const first = (await api.request('GET', `${cms}?limit=4`)).body as { metadata: { continue: string; resourceVersion: string; remainingItemCount: number }; items: Obj[] };
    assert.equal(first.items.length, 4);
    assert.equal(first.metadata.remainingItemCount, 6);
    await api.request('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-9z' } });
    await api.request('DELETE', `${cms}/cm-8`);
    const names = first.items.map((i) => i.metadata.name);
    let token = first.metadata.continue;
    while (token) {
      const page = (await api.request('GET', `${cms}?limit=4&continue=${encodeURIComponent(token)}`)).body as { metadata: { continue?: string; resourceVersion: string }; items: Obj[] };
      assert.equal(page.metadata.resourceVersion, first.metadata.resourceVersion, 'every page is at the first page revision');
      names.push(...page.items.map((i) => i.metadata.name));
      token = page.metadata.continue ?? '';
    }
    assert.deepEqual(names, Array.from({ length: 10 }, (_, i) => `cm-${i}`), 'the list is the snapshot of the first page');
    await hub.store.compact(hub.store.revision);
    const expired = await api.request('GET', `${cms}?limit=4&continue=${encodeURIComponent(first.metadata.continue)}`);
    assert.equal(expired.status, 410);
    assert.equal((expired.body as { reason: string }).reason, 'Expired');
  });

  test('a list with a resourceVersionMatch it cannot honour is 422 Invalid on ListOptions, as kube-apiserver answers', async () => {
    const cms = '/api/v1/namespaces/default/configmaps';
    const invalid = async (query: string): Promise<string> => {
      const res = await api.request('GET', `${cms}?${query}`);
      assert.equal(res.status, 422, query);
      assert.equal((res.body as { reason: string }).reason, 'Invalid', query);
      return (res.body as { message: string }).message;
    };
    assert.equal(await invalid('resourceVersionMatch=NotOlderThan'), 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
    assert.equal(await invalid('resourceVersionMatch=Exact&resourceVersion=0'), 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    for (const match of ['constructor', 'exact']) {
      assert.equal(await invalid(`resourceVersionMatch=${match}&resourceVersion=1`), `ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""`);
    }
    const token = ((await api.request('GET', `${cms}?limit=1`)).body as { metadata: { continue?: string } }).metadata.continue ?? 'x';
    assert.match(await invalid(`resourceVersionMatch=NotOlderThan&resourceVersion=1&continue=${encodeURIComponent(token)}`), /resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided/);
    const served = await api.request('GET', `${cms}?resourceVersionMatch=NotOlderThan&resourceVersion=0`);
    assert.equal(served.status, 200, 'NotOlderThan 0 is the cache read every informer makes');
  });

  test('watch: from a resourceVersion, initial events, bookmarks, timeout, and 410 when compacted', async () => {
    const cms = '/api/v1/namespaces/default/configmaps';
    const start = ((await api.request('GET', cms)).body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    await api.request('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wv1', labels: { w: 'x' } } });
    const fromRv = openWatch(hub, `${cms}?watch=true&labelSelector=w%3Dx&resourceVersion=${start}&allowWatchBookmarks=true&timeoutSeconds=2`);
    await fromRv.waitFor((e) => e.some((x) => x.type === 'ADDED' && x.object.metadata?.name === 'wv1'));
    await fromRv.waitFor((e) => e.some((x) => x.type === 'BOOKMARK'));
    const bookmark = fromRv.events.find((e) => e.type === 'BOOKMARK')!;
    assert.equal(bookmark.object.kind, 'ConfigMap');
    assert.match(bookmark.object.metadata?.resourceVersion ?? '', /^\d+$/);
    await fromRv.ended;
    assert.ok(true, 'timeoutSeconds ends the stream');

    // Boolean parameters read as kube-apiserver reads them: any value but 0 or false (in any case) is true.
    const initial = openWatch(hub, `${cms}?watch=yes&labelSelector=w%3Dx&sendInitialEvents=True&allowWatchBookmarks=1&resourceVersionMatch=NotOlderThan`);
    await initial.waitFor((e) => e.some((x) => x.type === 'BOOKMARK' && x.object.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true'));
    assert.equal(initial.events[0]?.type, 'ADDED');
    initial.close();
    for (const no of ['false', 'False', '0']) {
      const listed = await api.request('GET', `${cms}?watch=${no}&labelSelector=w%3Dx`);
      assert.equal((listed.body as { kind: string }).kind, 'ConfigMapList', `watch=${no} lists`);
    }

    await hub.store.compact(hub.store.revision);
    const old = openWatch(hub, `${cms}?watch=true&resourceVersion=${start}`);
    await old.waitFor((e) => e.some((x) => x.type === 'ERROR'));
    assert.equal(old.events[0]?.object.code, 410);
    old.close();
  });

  test('watch from a resourceVersion this hub has not reached: later events arrive, and too large a one ends in 504', async () => {
    const cms = '/api/v1/namespaces/default/configmaps';
    const current = Number(((await api.request('GET', cms)).body as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
    const ahead = openWatch(hub, `${cms}?watch=true&labelSelector=f%3Dy&resourceVersion=${current + 1}`);
    assert.equal(await ahead.status, 200);
    const created: { name: string; rv: number }[] = [];
    for (const name of ['fv1', 'fv2']) {
      const res = await api.request('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { f: 'y' } } });
      created.push({ name, rv: Number((res.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion) });
    }
    await ahead.waitFor((e) => e.some((x) => x.object.metadata?.name === 'fv2'));
    const expected = created.filter((c) => c.rv > current + 1).map((c) => c.name);
    assert.deepEqual(ahead.events.map((e) => e.object.metadata?.name), expected, 'only changes after the requested resourceVersion');
    ahead.close();

    const far = openWatch(hub, `${cms}?watch=true&resourceVersion=${current + 1_000_000}`);
    await far.waitFor((e) => e.some((x) => x.type === 'ERROR'), 10_000);
    const error = far.events.find((e) => e.type === 'ERROR')!.object as { code?: number; message?: string };
    assert.equal(error.code, 504);
    assert.match(error.message ?? '', /Too large resource version/);
    far.close();
  });

  test('a watcher that stops reading is cut off instead of buffering without bound', async () => {
    const slowHub = await startTestHub({ storage: 'memory', server: { maxWatchBufferBytes: 256 * 1024 } });
    const client = new HubClient(slowHub);
    try {
      const watch = openWatch(slowHub, '/api/v1/namespaces/default/configmaps?watch=true');
      await watch.status;
      watch.request.socket?.pause();
      (watch.request as unknown as { res?: { pause(): void } }).res?.pause();
      const big = 'x'.repeat(64 * 1024);
      let closed = false;
      void watch.ended.then(() => (closed = true));
      for (let i = 0; i < 200 && !closed; i++) {
        await client.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `big-${i}` }, data: { big } });
      }
      const metrics = (await client.request('GET', '/metrics')).text;
      assert.match(metrics, /apiserver_registered_watchers\{group="",resource="configmaps"\} 0/, 'the slow watcher was disconnected');
    } finally {
      client.close();
      await slowHub.dispose();
    }
  });

  test('deleting a CRD removes it from discovery and deletes its objects', async () => {
    const res = await api.request('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com');
    assert.equal(res.status, 200);
    let status = 200;
    for (let i = 0; i < 100 && status !== 404; i++) {
      status = (await api.request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com')).status;
      if (status !== 404) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(status, 404);
    assert.equal((await api.request('GET', '/apis/example.com/v1')).status, 404);
    assert.equal(hub.store.count('/example.com/gadgets/'), 0);
  });

  test('logical clusters are independent APIs under /clusters/<name>/', async () => {
    const { openStore } = await import('../../src/storage/index.js');
    await hub.server.addCluster('member1', openStore({ kind: 'memory' }));
    const member = '/clusters/member1/api/v1/namespaces/default/configmaps';
    assert.equal((await api.request('POST', member, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'only-here' } })).status, 201);
    assert.equal((await api.request('GET', `${member}/only-here`)).status, 200);
    assert.equal((await api.request('GET', '/api/v1/namespaces/default/configmaps/only-here')).status, 404);
    const discovery = (await api.request('GET', '/clusters/member1/apis')).body as { groups: { name: string }[] };
    assert.ok(!discovery.groups.some((g) => g.name === 'fleet.kurator.dev'), 'the member has only built-ins until CRDs are installed in it');
    const root = (await api.request('GET', '/clusters/member1/openapi/v3')).body as { paths: Record<string, { serverRelativeURL: string }> };
    assert.match(root.paths['api/v1']!.serverRelativeURL, /^\/clusters\/member1\/openapi\/v3\/api\/v1\?hash=/);
    const memberCore = (await api.request('GET', '/clusters/member1/api/v1')).body as { resources: { name: string }[] };
    assert.ok(!memberCore.resources.some((r) => r.name === 'serviceaccounts/token'), 'only the hub itself issues ServiceAccount tokens');
  });

  test('ServiceAccount token requests are in discovery, as kube-apiserver lists them', async () => {
    const core = (await api.request('GET', '/api/v1')).body as { resources: Record<string, unknown>[] };
    assert.deepEqual(core.resources.find((r) => r.name === 'serviceaccounts/token'), { name: 'serviceaccounts/token', singularName: '', namespaced: true, kind: 'TokenRequest', verbs: ['create'], group: 'authentication.k8s.io', version: 'v1' });
    const aggregated = (await api.request('GET', '/api', undefined, { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' })).body as { items: { versions: { resources: { resource: string; subresources?: Record<string, unknown>[] }[] }[] }[] };
    const serviceAccounts = aggregated.items[0]!.versions[0]!.resources.find((r) => r.resource === 'serviceaccounts');
    assert.deepEqual(serviceAccounts?.subresources, [{ subresource: 'token', responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] }]);
  });
});
