import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../../api/builtin/index.js';
import { hubCrds } from '../../api/crds/index.js';
import { ApiServer } from '../../apiserver/api-server.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { createInProcessClient } from '../../client/inprocess.js';
import { resources } from '../../client/resources.js';
import type { Client } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { createMemoryStore } from '../../storage/memory.js';
import { WritePacer } from '../common/write-pacer.js';
import type { ControllerEnv } from '../env.js';
import { aggregateBindingStatus, completesApply, pacerKey, targetView } from './binding-status.js';
import { executionNamespace, RESOURCE_BINDINGS } from './kinds.js';
import { eventually } from '../../../test/support/wait.js';

const condition = (type: string, status: string) => ({ type, status, reason: 'R', message: '' });
const binding = (fullyApplied?: string, clusters: { name: string; replicas: number }[] = targets): KubeObject => ({
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name: 'web-deployment', namespace: 'default' },
  spec: { clusters },
  ...(fullyApplied ? { status: { conditions: [condition('FullyApplied', fullyApplied)] } } : {}),
});
/** completesApply as the controller asks it: with the binding's own targets. */
const completes = (b: KubeObject, works: KubeObject[]): boolean => completesApply(b, works, targetView(b));
const work = (cluster: string, applied?: string): KubeObject => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'default-web-deployment', namespace: executionNamespace(cluster) },
  ...(applied ? { status: { conditions: [condition('Applied', applied)] } } : {}),
});
const targets = [
  { name: 'a', replicas: 1 },
  { name: 'b', replicas: 1 },
];

test('a binding completes when the last of its target clusters\' Works reports Applied and it does not say FullyApplied yet', () => {
  assert.equal(completes(binding(), [work('a', 'True'), work('b', 'True')]), true);
  assert.equal(completes(binding('False'), [work('a', 'True'), work('b', 'True')]), true);
});

test('not while a target\'s Work is missing, unapplied or failed; not again once FullyApplied; not without targets', () => {
  assert.equal(completes(binding(), [work('a', 'True')]), false, 'no Work for b yet');
  assert.equal(completes(binding(), [work('a', 'True'), work('b')]), false, 'b has no status yet');
  assert.equal(completes(binding(), [work('a', 'True'), work('b', 'False')]), false, 'b failed');
  assert.equal(completes(binding(), [work('a', 'True'), work('c', 'True')]), false, 'a Work for another cluster does not count');
  assert.equal(completes(binding('True'), [work('a', 'True'), work('b', 'True')]), false, 'already said');
  assert.equal(completes(binding(undefined, []), []), false);
});

test('each version of a binding is answered with its own targets (they are remembered per version)', () => {
  const twoClusters = binding();
  const applied = [work('a', 'True'), work('b', 'True')];
  assert.equal(completes(twoClusters, applied), true);
  assert.equal(targetView(twoClusters), targetView(twoClusters), 'worked out once for a version');
  // Rescheduled onto a third cluster: a new version, whose third Work is not there yet.
  const threeClusters = binding(undefined, [...targets, { name: 'c', replicas: 1 }]);
  assert.deepEqual(targetView(threeClusters).namespaces, ['a', 'b', 'c'].map(executionNamespace));
  assert.equal(completes(threeClusters, applied), false);
  assert.equal(completes(threeClusters, [...applied, work('c', 'True')]), true);
});

let server: ApiServer;
let client: Client;
let env: ControllerEnv;

before(async () => {
  const log = pino({ level: 'silent' });
  server = new ApiServer({ log, builtins: builtinKinds });
  client = createInProcessClient(await server.addCluster('', createMemoryStore(), hubCrds), { fieldManager: 'test' });
  // aggregateBindingStatus writes through env.client and records through env.events, nothing else.
  env = { client, events: new EventRecorder(client, log), log } as unknown as ControllerEnv;
});
after(() => server.close());

test('a binding status write that fails is reported (the controller retries it); events follow only a written status', async () => {
  const template = await client.create(resources.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const created = await client.create(RESOURCE_BINDINGS, {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: { name: 'web-deployment', namespace: 'default' },
    spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }, clusters: targets },
  });
  // Another writer gets there first: the copy this aggregation read is stale.
  await client.update(RESOURCE_BINDINGS, { ...created, metadata: { ...created.metadata, labels: { touched: 'yes' } } });
  const pacer = new WritePacer(60_000);
  const input = { bindingType: RESOURCE_BINDINGS, template, templateType: resources.deployments, works: [work('a', 'True'), work('b', 'True')], overrideErrors: [], pacer, paceMs: 60_000 };
  await assert.rejects(aggregateBindingStatus(env, { ...input, binding: created }), (error: { code?: number }) => error.code === 409);
  const syncEvents = async () => (await client.list(resources.events, 'default')).items.filter((e) => e.reason === 'SyncSucceed');
  assert.equal((await syncEvents()).length, 0, 'no event for a status that was not written');

  const latest = (await client.get(RESOURCE_BINDINGS, 'default', 'web-deployment'))!;
  // FullyApplied is written at once even within the interval after the failed try.
  assert.equal(await aggregateBindingStatus(env, { ...input, binding: latest, urgent: completes(latest, input.works) }), undefined);
  const written = (await client.get(RESOURCE_BINDINGS, 'default', 'web-deployment'))!;
  assert.equal(completes(written, input.works), false, 'FullyApplied is written');
  assert.ok(pacer.wait(pacerKey(written)) > 0, 'a written status spaces the next');
  await eventually('both SyncSucceed events', async () => (await syncEvents()).length >= 2, { timeoutMs: 5000, intervalMs: 10 });
  assert.deepEqual((await syncEvents()).map((e) => e.message).sort(), ['Successfully applied resource(default/web) to cluster a', 'Successfully applied resource(default/web) to cluster b']);
});

test('a binding no cluster is targeted by yet gets no summary; one that had a summary keeps it current', async () => {
  const template = (await client.get(resources.deployments, 'default', 'web'))!;
  const unscheduled = await client.create(RESOURCE_BINDINGS, {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: { name: 'waiting-deployment', namespace: 'default' },
    spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' } },
  });
  const input = { bindingType: RESOURCE_BINDINGS, template, templateType: resources.deployments, works: [], overrideErrors: [], pacer: new WritePacer(0), paceMs: 0 };
  assert.equal(await aggregateBindingStatus(env, { ...input, binding: unscheduled }), undefined);
  const untouched = (await client.get(RESOURCE_BINDINGS, 'default', 'waiting-deployment'))!;
  assert.equal(untouched.metadata.resourceVersion, unscheduled.metadata.resourceVersion, 'nothing written while no cluster is targeted');

  // Once summarized, losing every target is reported.
  const summarized = await client.update(RESOURCE_BINDINGS, { ...untouched, status: { conditions: [{ ...condition('FullyApplied', 'True'), lastTransitionTime: '2026-01-01T00:00:00Z' }] } }, { subresource: 'status' });
  await aggregateBindingStatus(env, { ...input, binding: summarized });
  const after = (await client.get(RESOURCE_BINDINGS, 'default', 'waiting-deployment'))!;
  assert.equal(completes(after, []), false);
  assert.deepEqual(((after.status as { conditions: { type: string; status: string }[] }).conditions).map((c) => `${c.type}=${c.status}`), ['FullyApplied=False']);
});
