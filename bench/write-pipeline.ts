// Measures the API server's write pipeline without HTTP: the writes the propagation scenario makes for
// every member copy, in process on a memory store with 32 in flight, as the controllers make them — a
// Work create, that Work's first status write, and on the member the server-side-applied create of the
// Deployment — and a ConfigMap create for comparison with api-write. Figures are the main thread's CPU
// time per write (what bounds the hub) and the whole process's (garbage collection and other helpers
// too). Steadier than the scenarios: no sockets, no other processes. Prints one JSON document.
//
//   npm run build && node dist/bench/write-pipeline.js [--writes 20000]

import { karmadaWorkCrds } from '../src/api/crds/karmada-work.js';
import { createInProcessClient } from '../src/client/inprocess.js';
import { resources } from '../src/client/resources.js';
import { startTestCluster } from '../src/client/testing.js';
import { WORKS } from '../src/controllers/propagation/kinds.js';
import type { KubeObject } from '../src/machinery/object.js';
import { deployment as scenarioDeployment } from './scenarios/propagation.js';
import { inParallel } from './lib/endpoint.js';
import { describeMachine } from './lib/machine.js';
import { optionValue } from './lib/options.js';
import { mainThreadCpuSeconds } from './lib/proc.js';

const writes = Number(optionValue('writes', '20000'));
const IN_FLIGHT = 32;
const EXECUTION_NAMESPACE = 'karmada-es-member1';
const NOW = '2026-01-01T00:00:00Z';

/** The propagation scenario's Deployment as a member copy: Kurator's label and annotations on it. */
function deployment(name: string, namespace: string): KubeObject {
  const template = scenarioDeployment(name, 1) as unknown as KubeObject;
  return {
    ...template,
    metadata: { name, namespace, labels: { bench: 'propagation', 'kurator.dev/managed-by': 'kurator' }, annotations: { 'resourcetemplate.karmada.io/generation': '1', 'work.karmada.io/name': `default-${name}-deployment`, 'work.karmada.io/namespace': EXECUTION_NAMESPACE } },
  };
}

function work(name: string): KubeObject {
  return {
    apiVersion: 'work.karmada.io/v1alpha1',
    kind: 'Work',
    metadata: {
      name: `default-${name}-deployment`,
      namespace: EXECUTION_NAMESPACE,
      labels: { 'resourcebinding.karmada.io/key': name },
      annotations: { 'resourcebinding.karmada.io/namespace': 'default', 'resourcebinding.karmada.io/name': `${name}-deployment`, 'work.karmada.io/conflict-resolution': 'abort' },
      finalizers: ['karmada.io/execution-controller'],
    },
    spec: { workload: { manifests: [deployment(name, 'default')] } },
  };
}

/** What the execution controller reports once a Work's copy is applied. */
function workStatus(name: string): Record<string, unknown> {
  return {
    conditions: [
      { type: 'Dispatching', status: 'True', reason: 'Dispatching', message: 'Work is being dispatched to member clusters.', lastTransitionTime: NOW },
      { type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied', lastTransitionTime: NOW },
    ],
    manifestStatuses: [{ identifier: { ordinal: 0, group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespace: 'default', name }, health: 'Healthy' }],
  };
}

const cluster = await startTestCluster({ historyCapacity: 100_000 });
for (const crd of karmadaWorkCrds()) await cluster.cluster.install(crd);
const binder = createInProcessClient(cluster.cluster, { fieldManager: 'binding-controller' });
const execution = createInProcessClient(cluster.cluster, { fieldManager: 'execution-controller' });
const member = createInProcessClient(cluster.cluster, { fieldManager: 'kurator' });
for (const name of ['bench', 'members', EXECUTION_NAMESPACE]) await binder.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** `count` writes, IN_FLIGHT at a time; CPU per write in µs (main thread, whole process). */
async function run(count: number, write: (i: number) => Promise<unknown>): Promise<{ mainThreadMicros: number; processMicros: number }> {
  const main0 = mainThreadCpuSeconds(process.pid);
  const cpu0 = process.cpuUsage();
  await inParallel(Array.from({ length: count }, (_, i) => i), IN_FLIGHT, async (i) => {
    await write(i);
  });
  const cpu = process.cpuUsage(cpu0);
  return { mainThreadMicros: Math.round(((mainThreadCpuSeconds(process.pid) - main0) * 1e6) / count), processMicros: Math.round((cpu.user + cpu.system) / count) };
}

const kinds: { write: string; run: (prefix: string, count: number) => Promise<{ mainThreadMicros: number; processMicros: number }> }[] = [
  {
    write: 'ConfigMap create (256-byte value)',
    run: (prefix, count) => run(count, (i) => binder.create(resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${prefix}-${i}`, namespace: 'bench' }, data: { payload: 'x'.repeat(256) } })),
  },
  { write: 'Work create', run: (prefix, count) => run(count, (i) => binder.create(WORKS, work(`${prefix}-${i}`))) },
  {
    write: "Work's first status write",
    run: (prefix, count) =>
      run(count, async (i) => {
        const stored = (await execution.get(WORKS, EXECUTION_NAMESPACE, `default-${prefix}-${i}-deployment`))!;
        await execution.update(WORKS, { ...stored, status: workStatus(`${prefix}-${i}`) }, { subresource: 'status' });
      }),
  },
  {
    write: "member's applied Deployment create",
    run: (prefix, count) => run(count, (i) => member.patch(resources.deployments, 'members', `${prefix}-${i}`, 'apply', deployment(`${prefix}-${i}`, 'members'), { force: true })),
  },
];

// An untimed pass first (its status writes need its Works), so nothing is measured while the code is
// still being optimized.
const warmUp = Math.min(writes, 2000);
for (const kind of kinds) await kind.run('warm', warmUp);
const results = [];
for (const kind of kinds) results.push({ write: kind.write, ...(await kind.run('bench', writes)) });
await cluster.stop();
console.log(
  JSON.stringify(
    {
      scenario: 'write-pipeline',
      what: `the API server's write pipeline in process on a memory store, ${IN_FLIGHT} writes in flight: CPU per write of the main thread and of the whole process`,
      writes,
      results,
      machine: describeMachine(),
    },
    null,
    2,
  ),
);
