// The simulated cluster's scheduler and workload controllers, wired to a real logical cluster in this
// process: what a user of the cluster sees (pods, claims, Endpoints, Events) after applying workloads.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createInProcessClient } from '../../client/inprocess.js';
import { resources } from '../../client/resources.js';
import type { Client } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { Simulator } from '../host.js';
import { parseProfile } from '../profile.js';
import { PVCS } from './workloads.js';
import { eventually } from '../../../test/support/wait.js';

const PROFILE = `
defaults:
  nodes: 2
  capacity: {cpu: "4", memory: 16Gi, pods: "110"}
clusters:
- name: m1
`;


const isReady = (pod: KubeObject): boolean => ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const nodeOf = (pod: KubeObject): string | undefined => (pod.spec as { nodeName?: string }).nodeName;

function pod(name: string, labels: Record<string, string>, cpu = '100m'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 8080 }], resources: { requests: { cpu } } }] },
  };
}

describe('simulated workload controllers', () => {
  let simulator: Simulator;
  let client: Client;

  const pods = async (labels: string): Promise<KubeObject[]> => (await client.list(resources.pods, 'default', { labelSelector: labels })).items;
  const events = async (reason: string): Promise<{ message: string; count: number }[]> =>
    (await client.list(resources.events, 'default')).items
      .map((e) => e as unknown as { reason?: string; message?: string; count?: number })
      .filter((e) => e.reason === reason)
      .map((e) => ({ message: e.message ?? '', count: e.count ?? 1 }));

  before(async () => {
    simulator = await Simulator.start({ profile: parseProfile(PROFILE, 2), log: pino({ level: 'silent' }), timing: { podStartMs: 20, podReadyMs: 20, jobRunMs: 50 } });
    client = createInProcessClient(simulator.clusters.get('m1')!.logical);
  });
  after(async () => {
    await simulator.stop();
  });

  test('the scheduler counts the pods already bound to each node', async () => {
    for (const name of ['big-1', 'big-2', 'big-3']) await client.create(resources.pods, pod(name, { app: 'big' }, '3'));
    const placed = await eventually('two big pods bound, one FailedScheduling', async () => {
      const all = await pods('app=big');
      const bound = all.filter(nodeOf);
      const failed = await events('FailedScheduling');
      return bound.length === 2 && failed.some((e) => /Insufficient cpu/.test(e.message)) ? all : undefined;
    });
    assert.deepEqual(placed.filter(nodeOf).map(nodeOf).sort(), ['m1-node-1', 'm1-node-2'], 'one 3-cpu pod per 4-cpu node');
    assert.equal(placed.filter((p) => !nodeOf(p)).length, 1);
    for (const name of ['big-1', 'big-2', 'big-3']) await client.delete(resources.pods, 'default', name);
  });

  test('a Deployment scaled down keeps the requested pods; its ReplicaSet counts only its own', async () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    await client.create(resources.deployments, deployment);
    // A bare pod with the same labels is no ReplicaSet's: it must not count.
    await client.create(resources.pods, pod('stray-web', { app: 'web' }));
    await eventually('3 ready replicas', async () => ((await client.get(resources.deployments, 'default', 'web'))?.status as { readyReplicas?: number } | undefined)?.readyReplicas === 3 || undefined);
    await client.patch(resources.deployments, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    const left = await eventually('1 replica left', async () => {
      const owned = (await pods('app=web')).filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'ReplicaSet'));
      const status = (await client.get(resources.deployments, 'default', 'web'))?.status as { replicas?: number; availableReplicas?: number } | undefined;
      return owned.length === 1 && status?.replicas === 1 && status.availableReplicas === 1 ? owned : undefined;
    });
    assert.equal(left.length, 1);
    assert.ok(await client.get(resources.pods, 'default', 'stray-web'), 'the stray pod is left alone');
  });

  test('a Service gets Endpoints of exactly the ready pods its selector matches, and follows new ones', async () => {
    await client.create(resources.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'default' }, spec: { selector: { app: 'api', tier: 'backend' }, ports: [{ port: 80, targetPort: 8080 }] } });
    await client.create(resources.pods, pod('api-1', { app: 'api', tier: 'backend' }));
    await client.create(resources.pods, pod('api-2', { app: 'api', tier: 'backend' }));
    await client.create(resources.pods, pod('api-front', { app: 'api', tier: 'frontend' }));
    await client.create(resources.pods, pod('other', { tier: 'backend' }));
    const ipsOf = async (names: string[]): Promise<string[]> => {
      const out: string[] = [];
      for (const name of names) out.push(((await client.get(resources.pods, 'default', name))?.status as { podIP: string }).podIP);
      return out.sort();
    };
    const addresses = async (): Promise<string[]> => {
      const endpoints = await client.get(resources.endpoints, 'default', 'api');
      return ((endpoints?.subsets as { addresses?: { ip: string }[] }[] | undefined) ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
    };
    await eventually('the selected pods ready', async () => ((await pods('app=api,tier=backend')).every(isReady) ? true : undefined));
    const want = await ipsOf(['api-1', 'api-2']);
    await eventually('Endpoints of api-1 and api-2', async () => (JSON.stringify(await addresses()) === JSON.stringify(want) ? true : undefined));

    await client.create(resources.pods, pod('api-3', { app: 'api', tier: 'backend' }));
    await eventually('api-3 ready', async () => ((await client.get(resources.pods, 'default', 'api-3')) && isReady((await client.get(resources.pods, 'default', 'api-3'))!) ? true : undefined));
    const wantAfter = await ipsOf(['api-1', 'api-2', 'api-3']);
    await eventually('Endpoints of api-1..3', async () => (JSON.stringify(await addresses()) === JSON.stringify(wantAfter) ? true : undefined));
  });

  test('a StatefulSet creates each missing claim once and reuses a claim that already exists', async () => {
    const claim = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    await client.create(PVCS, claim('data-db-1'));
    await client.create(resources.statefulsets, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName: 'db',
        replicas: 3,
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'postgres' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    await eventually('3 ready replicas', async () => ((await client.get(resources.statefulsets, 'default', 'db'))?.status as { readyReplicas?: number } | undefined)?.readyReplicas === 3 || undefined);
    const claims = (await client.list(PVCS, 'default')).items.map((c) => c.metadata.name).sort();
    assert.deepEqual(claims, ['data-db-0', 'data-db-1', 'data-db-2']);
    const created = (await events('SuccessfulCreate')).filter((e) => e.message.startsWith('create Claim'));
    assert.deepEqual(
      created.map((e) => [e.message, e.count]).sort(),
      [
        ['create Claim data-db-0 Pod db-0 in StatefulSet db success', 1],
        ['create Claim data-db-2 Pod db-2 in StatefulSet db success', 1],
      ],
    );
  });

  test('a DaemonSet runs one pod per node and a Job completes', async () => {
    await client.create(resources.daemonsets, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent' }] } } },
    });
    await client.create(resources.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { completions: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'perl' }] } } },
    });
    await eventually('the DaemonSet rolled out', async () => ((await client.get(resources.daemonsets, 'default', 'agent'))?.status as { numberReady?: number } | undefined)?.numberReady === 2 || undefined);
    assert.deepEqual((await pods('app=agent')).map(nodeOf).sort(), ['m1-node-1', 'm1-node-2']);
    await eventually('the Job complete', async () => ((await client.get(resources.jobs, 'default', 'pi'))?.status as { succeeded?: number } | undefined)?.succeeded === 2 || undefined);
    assert.equal((await pods('job-name=pi')).length, 2);
  });
});
