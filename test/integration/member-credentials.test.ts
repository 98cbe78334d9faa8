// Member cluster credentials stay in their Secrets: with clusters joined by token kubeconfigs — one healthy,
// one unreachable so every error path runs — and a workload propagated, the tokens appear nowhere a user
// or operator looks: the hub's log (at debug level), events, the status of clusters, fleets, bindings and
// Works, and error messages.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createInProcessClient } from '../../src/client/inprocess.js';
import { joinCluster } from '../../src/local/join.js';
import { kubeconfigAs } from '../support/credentials.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { startTestSimulator, type TestSimulator } from '../support/sim.js';
import { eventually } from '../support/wait.js';

const HEALTHY_TOKEN = 'member-token-7f3a9c1e5b2d4f60';
const BROKEN_TOKEN = 'broken-token-c4e8a2f6b1d3e5a7';

describe('member credentials never leak', () => {
  let hub: TestHub;
  let sim: TestSimulator;
  let kubectl: Kubectl;
  const logLines: string[] = [];

  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    hub = await startTestHub({ storage: 'memory', log: pino({ level: 'debug' }, sink), controllerOptions: { clusterProbeMs: 200, clusterFlipThreshold: 2 } });
    sim = await startTestSimulator({ clusters: 1, nodesPerCluster: 1 });
    const client = createInProcessClient(hub.server.clusters.get('')!);
    const [name] = [...sim.kubeconfigs.keys()];
    const kubeconfig = await readFile(sim.kubeconfig(name!), 'utf8');
    await joinCluster(client, { name: 'healthy', kubeconfig: kubeconfigAs(kubeconfig, { token: HEALTHY_TOKEN }), labels: {}, fleet: 'default' });
    await joinCluster(client, { name: 'unreachable', kubeconfig: kubeconfigAs(kubeconfig, { token: BROKEN_TOKEN }, 'https://127.0.0.1:9'), labels: {}, fleet: 'default' });
    kubectl = kubectlFor(hub.kubeconfigPath);
  });
  after(async () => {
    await sim?.dispose();
    await hub?.dispose();
  });

  test('tokens are absent from logs, events, statuses and errors while clusters work and fail', async () => {
    await eventually('healthy Ready and unreachable reported', async () => {
      const out = await kubectl.ok(['get', 'attachedclusters', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status};{end}']);
      return out.includes('healthy=True') && out.includes('unreachable=False');
    });
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: apps/v1
kind: Deployment
metadata: {name: probe, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: probe}}
  template:
    metadata: {labels: {app: probe}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: probe, namespace: default}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: probe}]
  placement:
    clusterAffinity: {clusterNames: [healthy, unreachable]}
    clusterTolerations: [{key: cluster.karmada.io/not-ready, operator: Exists, effect: NoSchedule}, {key: cluster.karmada.io/unreachable, operator: Exists, effect: NoSchedule}]
`);
    await eventually('the Work for the unreachable cluster fails to apply', async () => /False/.test(await kubectl.ok(['get', 'work', '-n', 'karmada-es-unreachable', '-o', 'jsonpath={.items[*].status.conditions[?(@.type=="Applied")].status}'])));

    const places: [string, string][] = [
      ['hub log', logLines.join('')],
      ['events', await kubectl.ok(['get', 'events', '-A', '-o', 'json'])],
      ['cluster, fleet, binding and Work objects', await kubectl.ok(['get', 'attachedclusters,fleets,rb,works', '-A', '-o', 'json'])],
      ['the hub Deployment', await kubectl.ok(['get', 'deploy', 'probe', '-o', 'json'])],
    ];
    assert.ok(logLines.length > 0, 'the hub logged');
    const unreachable = JSON.parse(await kubectl.ok(['get', 'attachedcluster', 'unreachable', '-o', 'json'])) as { status: { conditions: { type: string; message?: string }[] } };
    assert.match(unreachable.status.conditions.find((c) => c.type === 'Ready')?.message ?? '', /127\.0\.0\.1:9|ECONNREFUSED|connect/, 'the failure is reported with its cause');
    assert.ok(logLines.some((l) => l.includes('"level":20') || l.includes('"level":30')), 'debug and info lines were captured');
    for (const token of [HEALTHY_TOKEN, BROKEN_TOKEN]) {
      const encoded = Buffer.from(token).toString('base64');
      for (const [where, text] of places) {
        assert.ok(!text.includes(token), `${where} contains a member token`);
        assert.ok(!text.includes(encoded), `${where} contains a base64 member token`);
      }
    }
  });
});
