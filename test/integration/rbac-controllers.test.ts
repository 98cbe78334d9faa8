// The hub's controllers acting as system:kurator:controller-manager under RBAC: with only the permissions
// of their default ClusterRole they register clusters (reading kubeconfig Secrets), keep the fleet's
// status, and propagate a Deployment with its ConfigMap and Secret to the members; nothing they do is
// refused.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { CONTROLLER_MANAGER_USER } from '../../src/apiserver/auth/rbac/index.js';
import { createInProcessClient } from '../../src/client/inprocess.js';
import { HubControllers } from '../../src/hub/hub-controllers.js';
import { joinCluster } from '../../src/local/join.js';
import { Simulator } from '../../src/sim/host.js';
import { parseProfile } from '../../src/sim/profile.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults: {nodes: 1, capacity: {cpu: "8", memory: 16Gi}}
clusters:
- {name: member1, labels: {region: eu}}
- {name: member2, labels: {region: us}}
`;

const WORKLOAD = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
data: {mode: fast}
---
apiVersion: v1
kind: Secret
metadata: {name: web-secret, namespace: shop}
stringData: {key: s3cr3t}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      volumes: [{name: config, configMap: {name: web-config}}]
      containers:
      - name: web
        image: nginx:1.27
        envFrom: [{secretRef: {name: web-secret}}]
        volumeMounts: [{name: config, mountPath: /etc/web}]
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web, namespace: shop}
spec:
  propagateDeps: true
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placement:
    clusterAffinity: {clusterNames: [member1, member2]}
    replicaScheduling: {replicaSchedulingType: Duplicated}
`;

describe('controllers as system:kurator:controller-manager', () => {
  let hub: TestHub;
  let sim: Simulator;
  let controllers: HubControllers;
  let kubectl: Kubectl;
  const member: Record<string, Kubectl> = {};
  const logs: string[] = [];

  before(async () => {
    hub = await startTestHub({ storage: 'memory', controllers: false });
    const root = hub.server.clusters.get('')!;
    const log = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (logs.push(chunk.toString()), done()) }));
    // The hub's own controller set, as it runs them: as system:kurator:controller-manager.
    controllers = new HubControllers(root, { log, controllerOptions: { clusterProbeMs: 200, clusterFlipThreshold: 2 } });
    await controllers.start();

    sim = await Simulator.start({ profile: parseProfile(PROFILE, 1), log: pino({ level: 'silent' }), timing: { podStartMs: 50, podReadyMs: 100 } });
    await sim.listen(0, '127.0.0.1');
    const kubeconfigs = await sim.writeKubeconfigs(hub.dataDir);
    const admin = createInProcessClient(root);
    for (const [name, path] of kubeconfigs) {
      member[name] = kubectlFor(path);
      await joinCluster(admin, { name, kubeconfig: await readFile(path, 'utf8'), labels: sim.clusters.get(name)!.profile.labels, fleet: 'default' });
    }
    kubectl = kubectlFor(hub.kubeconfigPath);
  });

  after(async () => {
    controllers?.stop();
    await sim?.stop();
    await hub?.dispose();
  });

  test('clusters join, the fleet turns Ready and a workload with its dependencies propagates', async () => {
    await eventually('the fleet to be Ready', async () => /^default\s+Ready\s+2\s/m.test(await kubectl.ok(['get', 'fleet', 'default'])), { timeoutMs: 20_000 });
    await kubectl.ok(['apply', '-f', '-'], WORKLOAD);
    for (const name of ['member1', 'member2']) {
      for (const [kind, object] of [['deploy', 'web'], ['configmap', 'web-config'], ['secret', 'web-secret']] as const) {
        await eventually(`${kind} ${object} on ${name}`, async () => (await member[name]!(['get', kind, object, '-n', 'shop'])).code === 0, { timeoutMs: 20_000 });
      }
    }
    await eventually('the hub Deployment to show the members\' status', async () => /^web\s+4\/2\s/m.test(await kubectl.ok(['get', 'deploy', 'web', '-n', 'shop'])), { timeoutMs: 20_000 });
    const events = await kubectl.ok(['get', 'events', '-n', 'shop']);
    assert.match(events, /ScheduleBindingSucceed\s+resourcebinding\/web-deployment/);
    assert.match(events, /SyncSucceed\s+secret\/web-secret/);
    const refused = logs.filter((line) => /forbidden|cannot (get|list|watch|create|update|patch|delete)/i.test(line));
    assert.deepEqual(refused, [], 'no request of the controllers was refused');
  });
});
