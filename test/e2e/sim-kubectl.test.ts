// The real kubectl 1.32 against simulated member clusters: nodes, scheduling, the workload controllers
// and the kubelets behave the way a user of a real cluster sees them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { startTestSimulator, type TestSimulator } from '../support/sim.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults:
  nodes: 3
  capacity: {cpu: "4", memory: 16Gi, pods: "110"}
clusters:
- name: member1
  labels: {region: us-east-1, zone: us-east-1a}
- name: member2
  labels: {region: eu-west-1, zone: eu-west-1a}
`;

const FRONTEND = (image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, labels: {app: frontend}}
spec:
  replicas: 3
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 8080}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: frontend}
spec:
  selector: {app: frontend}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;

/** Rows of a kubectl table (header dropped), split on runs of spaces. */
function rows(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
}

/** The REVISION column of `rollout history` (which prints the object's name above its table). */
function revisions(history: string): string[] {
  return rows(history.slice(history.indexOf('REVISION'))).map((r) => r[0]!);
}

/** The ReplicaSets matching a selector, by name: desired and ready replicas and the Deployment revision. */
async function replicaSets(kubectl: Kubectl, selector: string): Promise<Map<string, { replicas: number; ready: number; revision: string }>> {
  const out = await kubectl.ok(['get', 'rs', '-l', selector, '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.replicas} {.status.readyReplicas} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}{"\\n"}{end}']);
  const sets = new Map<string, { replicas: number; ready: number; revision: string }>();
  for (const line of out.trim().split('\n').filter(Boolean)) {
    const [name, replicas, ready, revision] = line.split(' ');
    sets.set(name!, { replicas: Number(replicas), ready: Number(ready || 0), revision: revision ?? '' });
  }
  return sets;
}

describe('kubectl against a simulated cluster', () => {
  let sim: TestSimulator;
  let kubectl: Kubectl;
  let kubectl2: Kubectl;

  before(async () => {
    sim = await startTestSimulator({ profile: PROFILE });
    kubectl = kubectlFor(sim.kubeconfig('member1'));
    kubectl2 = kubectlFor(sim.kubeconfig('member2'));
  });
  after(async () => {
    await sim.dispose();
  });

  test('get nodes shows three Ready nodes of version v1.32.0', async () => {
    const out = await kubectl.ok(['get', 'nodes']);
    assert.match(out, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    const nodes = rows(out);
    assert.deepEqual(
      nodes.map((r) => r[0]),
      ['member1-node-1', 'member1-node-2', 'member1-node-3'],
    );
    for (const row of nodes) {
      assert.equal(row[1], 'Ready', `node ${row[0]} status`);
      assert.equal(row[4], 'v1.32.0', `node ${row[0]} version`);
    }
  });

  test('node capacity comes from the profile and describe node works', async () => {
    const capacity = await kubectl.ok(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.capacity.cpu} {.status.capacity.memory} {.status.capacity.pods} {.status.allocatable.cpu}{"\\n"}{end}']);
    assert.deepEqual(capacity.trim().split('\n'), ['member1-node-1 4 16Gi 110 4', 'member1-node-2 4 16Gi 110 4', 'member1-node-3 4 16Gi 110 4']);
    const described = await kubectl.ok(['describe', 'node', 'member1-node-2']);
    assert.match(described, /^Name:\s+member1-node-2$/m);
    assert.match(described, /topology\.kubernetes\.io\/region=us-east-1/);
    assert.match(described, /^\s+Ready\s+True\s+/m);
    assert.match(described, /^Capacity:\n\s+cpu:\s+4\n\s+memory:\s+16Gi\n\s+pods:\s+110$/m);
    assert.match(described, /Kubelet Version:\s+v1\.32\.0/);
  });

  test('a Deployment rolls out: pods Running and Ready on named nodes with IPs', async () => {
    await kubectl.ok(['apply', '-f', '-'], FRONTEND('nginx:1.25'));
    const status = await kubectl.ok(['rollout', 'status', 'deployment/frontend', '--timeout=60s']);
    assert.match(status, /deployment "frontend" successfully rolled out/);
    const pods = rows(await kubectl.ok(['get', 'pods', '-l', 'app=frontend', '-o', 'wide']));
    assert.equal(pods.length, 3);
    for (const [name, ready, phase, restarts, , ip, node] of pods) {
      assert.match(name!, /^frontend-[a-z0-9]{8,10}-[a-z0-9]{5}$/);
      assert.equal(ready, '1/1', `${name} READY`);
      assert.equal(phase, 'Running', `${name} STATUS`);
      assert.equal(restarts, '0');
      assert.match(ip!, /^\d+\.\d+\.\d+\.\d+$/, `${name} IP`);
      assert.match(node!, /^member1-node-[123]$/, `${name} NODE`);
    }
    assert.equal(new Set(pods.map((p) => p[5])).size, 3, 'every pod has its own IP');
    const deploy = rows(await kubectl.ok(['get', 'deployment', 'frontend']));
    assert.deepEqual(deploy[0]!.slice(0, 4), ['frontend', '3/3', '3', '3']);
  });

  test('a Service gets Endpoints of the ready pods', async () => {
    const podIps = (await kubectl.ok(['get', 'pods', '-l', 'app=frontend', '-o', 'jsonpath={.items[*].status.podIP}'])).trim().split(' ').sort();
    const endpoints = await eventually('endpoints of every ready frontend pod', async () => {
      const ips = (await kubectl.ok(['get', 'endpoints', 'frontend', '-o', 'jsonpath={.subsets[*].addresses[*].ip}'])).trim().split(' ').filter(Boolean).sort();
      return ips.join(' ') === podIps.join(' ') ? ips : undefined;
    });
    assert.equal(endpoints.length, 3);
    const ports = await kubectl.ok(['get', 'endpoints', 'frontend', '-o', 'jsonpath={.subsets[*].ports[*].port}']);
    assert.equal(ports.trim(), '8080');
  });

  test('scale to 5 replicas gives 5 available', async () => {
    assert.match(await kubectl.ok(['scale', 'deployment/frontend', '--replicas=5']), /deployment.apps\/frontend scaled/);
    await kubectl.ok(['rollout', 'status', 'deployment/frontend', '--timeout=60s']);
    const available = await kubectl.ok(['get', 'deployment', 'frontend', '-o', 'jsonpath={.status.availableReplicas}']);
    assert.equal(available, '5');
    const pods = rows(await kubectl.ok(['get', 'pods', '-l', 'app=frontend']));
    assert.equal(pods.filter((p) => p[1] === '1/1' && p[2] === 'Running').length, 5);
  });

  test('set image rolls out a new ReplicaSet, history has two revisions, undo reuses the first', async () => {
    const [first] = [...(await replicaSets(kubectl, 'app=frontend')).keys()];
    assert.ok(first);
    await kubectl.ok(['set', 'image', 'deployment/frontend', 'web=nginx:1.26']);
    assert.match(await kubectl.ok(['rollout', 'status', 'deployment/frontend', '--timeout=60s']), /successfully rolled out/);

    const afterUpdate = await replicaSets(kubectl, 'app=frontend');
    assert.equal(afterUpdate.size, 2, `two ReplicaSets: ${JSON.stringify([...afterUpdate])}`);
    const second = [...afterUpdate.keys()].find((name) => name !== first)!;
    assert.deepEqual(afterUpdate.get(second), { replicas: 5, ready: 5, revision: '2' });
    assert.equal(afterUpdate.get(first)!.replicas, 0);
    const table = rows(await kubectl.ok(['get', 'rs', '-l', 'app=frontend']));
    assert.deepEqual(table.find((r) => r[0] === first)!.slice(1, 4), ['0', '0', '0']);
    assert.deepEqual(table.find((r) => r[0] === second)!.slice(1, 4), ['5', '5', '5']);
    const images = await kubectl.ok(['get', 'pods', '-l', 'app=frontend', '-o', 'jsonpath={.items[*].spec.containers[0].image}']);
    assert.deepEqual([...new Set(images.trim().split(' '))], ['nginx:1.26']);

    const history = await kubectl.ok(['rollout', 'history', 'deployment/frontend']);
    assert.match(history, /^REVISION\s+CHANGE-CAUSE$/m);
    assert.deepEqual(revisions(history), ['1', '2']);

    assert.match(await kubectl.ok(['rollout', 'undo', 'deployment/frontend']), /deployment.apps\/frontend rolled back/);
    assert.match(await kubectl.ok(['rollout', 'status', 'deployment/frontend', '--timeout=60s']), /successfully rolled out/);
    const afterUndo = await replicaSets(kubectl, 'app=frontend');
    assert.deepEqual([...afterUndo.keys()].sort(), [first, second].sort(), 'undo reuses the first ReplicaSet');
    assert.deepEqual(afterUndo.get(first), { replicas: 5, ready: 5, revision: '3' });
    assert.equal(afterUndo.get(second)!.replicas, 0);
    assert.deepEqual(revisions(await kubectl.ok(['rollout', 'history', 'deployment/frontend'])), ['2', '3']);
    const imagesAfterUndo = await kubectl.ok(['get', 'pods', '-l', 'app=frontend', '-o', 'jsonpath={.items[*].spec.containers[0].image}']);
    assert.deepEqual([...new Set(imagesAfterUndo.trim().split(' '))], ['nginx:1.25']);
  });

  test('a pod asking for more cpu than any node has stays Pending with FailedScheduling', async () => {
    await kubectl.ok(['run', 'huge', '--image=busybox', '--overrides={"spec":{"containers":[{"name":"huge","image":"busybox","resources":{"requests":{"cpu":"6"}}}]}}']);
    const described = await eventually('a FailedScheduling event on pod huge', async () => {
      const out = await kubectl.ok(['describe', 'pod', 'huge']);
      return /FailedScheduling/.test(out) ? out : undefined;
    });
    assert.match(described, /^Status:\s+Pending$/m);
    assert.match(described, /Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/3 nodes are available: 3 Insufficient cpu\./);
    const pod = rows(await kubectl.ok(['get', 'pod', 'huge', '-o', 'wide']));
    assert.deepEqual([pod[0]![1], pod[0]![2], pod[0]![6]], ['0/1', 'Pending', '<none>']);
    const condition = await kubectl.ok(['get', 'pod', 'huge', '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].reason}']);
    assert.equal(condition, 'Unschedulable');
    // One event per scheduling attempt (retried every 5 s), not one per status write.
    const created = Date.parse(await kubectl.ok(['get', 'pod', 'huge', '-o', 'jsonpath={.metadata.creationTimestamp}']));
    const count = Number(await kubectl.ok(['get', 'events', '--field-selector=involvedObject.name=huge,reason=FailedScheduling', '-o', 'jsonpath={.items[0].count}']));
    assert.ok(count >= 1 && count <= 1 + Math.floor((Date.now() - created) / 5000), `${count} FailedScheduling events`);
  });

  test('a pod whose nodeSelector matches no node stays Pending', async () => {
    await kubectl.ok(['run', 'picky', '--image=busybox', '--overrides={"spec":{"nodeSelector":{"disktype":"ssd"}}}']);
    const described = await eventually('a FailedScheduling event on pod picky', async () => {
      const out = await kubectl.ok(['describe', 'pod', 'picky']);
      return /FailedScheduling/.test(out) ? out : undefined;
    });
    assert.match(described, /^Status:\s+Pending$/m);
    assert.match(described, /0\/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity\/selector\./);
    await kubectl.ok(['delete', 'pod', 'huge', 'picky', '--wait=false']);
  });

  test('a pod tolerating a tainted node lands there; one without the toleration does not', async () => {
    await kubectl.ok(['taint', 'node', 'member1-node-3', 'dedicated=gpu:NoSchedule']);
    const pinned = (name: string, tolerate: boolean) =>
      JSON.stringify({
        spec: {
          nodeSelector: { 'kubernetes.io/hostname': 'member1-node-3' },
          ...(tolerate ? { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } : {}),
          containers: [{ name, image: 'busybox' }],
        },
      });
    await kubectl.ok(['run', 'tolerant', '--image=busybox', `--overrides=${pinned('tolerant', true)}`]);
    await kubectl.ok(['run', 'intolerant', '--image=busybox', `--overrides=${pinned('intolerant', false)}`]);
    await kubectl.ok(['wait', '--for=condition=Ready', 'pod/tolerant', '--timeout=60s']);
    const tolerant = rows(await kubectl.ok(['get', 'pod', 'tolerant', '-o', 'wide']))[0]!;
    assert.deepEqual([tolerant[1], tolerant[2], tolerant[6]], ['1/1', 'Running', 'member1-node-3']);
    const described = await eventually('a FailedScheduling event on pod intolerant', async () => {
      const out = await kubectl.ok(['describe', 'pod', 'intolerant']);
      return /FailedScheduling/.test(out) ? out : undefined;
    });
    assert.match(described, /0\/3 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 2 node\(s\) didn't match Pod's node affinity\/selector\./);
    await kubectl.ok(['delete', 'pod', 'tolerant', 'intolerant', '--wait=false']);
    await kubectl.ok(['taint', 'node', 'member1-node-3', 'dedicated-']);
  });

  test('a Job runs to completion', async () => {
    await kubectl.ok(['apply', '-f', '-'], 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl, command: [perl, -e, "print 3.14"]}]\n');
    assert.match(await kubectl.ok(['wait', '--for=condition=complete', 'job/pi', '--timeout=60s']), /job.batch\/pi condition met/);
    const job = rows(await kubectl.ok(['get', 'job', 'pi']))[0]!;
    assert.deepEqual(job.slice(0, 3), ['pi', 'Complete', '2/2']);
    const pods = rows(await kubectl.ok(['get', 'pods', '-l', 'job-name=pi']));
    assert.equal(pods.length, 2);
    for (const pod of pods) assert.deepEqual([pod[1], pod[2]], ['0/1', 'Completed']);
  });

  test('a StatefulSet of 2 gets web-0 and web-1 Ready', async () => {
    await kubectl.ok(
      ['apply', '-f', '-'],
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: nginx}]}\n',
    );
    await kubectl.ok(['rollout', 'status', 'statefulset/web', '--timeout=60s']);
    await kubectl.ok(['wait', '--for=condition=Ready', 'pod/web-0', 'pod/web-1', '--timeout=60s']);
    const pods = rows(await kubectl.ok(['get', 'pods', '-l', 'app=web']));
    assert.deepEqual(
      pods.map((p) => [p[0], p[1], p[2]]),
      [
        ['web-0', '1/1', 'Running'],
        ['web-1', '1/1', 'Running'],
      ],
    );
    assert.deepEqual(rows(await kubectl.ok(['get', 'statefulset', 'web']))[0]!.slice(0, 2), ['web', '2/2']);
  });

  test('a DaemonSet schedules one pod per node', async () => {
    await kubectl.ok(
      ['apply', '-f', '-'],
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: agent, image: agent}]}\n',
    );
    assert.match(await kubectl.ok(['rollout', 'status', 'daemonset/agent', '--timeout=60s']), /daemon set "agent" successfully rolled out/);
    const pods = rows(await kubectl.ok(['get', 'pods', '-l', 'app=agent', '-o', 'wide']));
    assert.deepEqual(pods.map((p) => p[6]).sort(), ['member1-node-1', 'member1-node-2', 'member1-node-3']);
    for (const pod of pods) assert.deepEqual([pod[1], pod[2]], ['1/1', 'Running']);
    assert.deepEqual(rows(await kubectl.ok(['get', 'daemonset', 'agent']))[0]!.slice(0, 6), ['agent', '3', '3', '3', '3', '3']);
  });

  test('deleting a namespace removes it and its pods', async () => {
    await kubectl.ok(['create', 'namespace', 'doomed']);
    await kubectl.ok(['-n', 'doomed', 'create', 'deployment', 'd', '--image=nginx', '--replicas=2']);
    await kubectl.ok(['-n', 'doomed', 'rollout', 'status', 'deployment/d', '--timeout=60s']);
    assert.equal(rows(await kubectl.ok(['-n', 'doomed', 'get', 'pods'])).length, 2);
    await kubectl.ok(['delete', 'namespace', 'doomed', '--timeout=60s']);
    await kubectl.ok(['wait', '--for=delete', 'namespace/doomed', '--timeout=60s']);
    const gone = await kubectl(['get', 'namespace', 'doomed']);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /namespaces "doomed" not found/);
    const pods = await kubectl(['get', 'pods', '-n', 'doomed']);
    assert.equal(pods.code, 0, pods.stderr);
    assert.match(pods.stderr, /No resources found in doomed namespace/);
  });

  test('every namespace has a default ServiceAccount, made again when deleted', async () => {
    assert.equal(await kubectl.ok(['get', 'serviceaccount', 'default', '-n', 'default', '-o', 'jsonpath={.metadata.name}']), 'default');
    await kubectl.ok(['create', 'namespace', 'accounts']);
    const uidOf = async (): Promise<string | undefined> => {
      const got = await kubectl(['get', 'serviceaccount', 'default', '-n', 'accounts', '-o', 'jsonpath={.metadata.uid}']);
      return got.code === 0 ? got.stdout : undefined;
    };
    const first = await eventually('the new namespace has its default account', uidOf, { timeoutMs: 10_000 });
    await kubectl.ok(['delete', 'serviceaccount', 'default', '-n', 'accounts']);
    await eventually('a deleted default account is made again', async () => {
      const uid = await uidOf();
      return uid !== undefined && uid !== first;
    }, { timeoutMs: 10_000 });
    assert.deepEqual(rows(await kubectl.ok(['get', 'serviceaccounts', '-n', 'accounts'])).map((r) => r[0]), ['default']);
    await kubectl.ok(['delete', 'namespace', 'accounts', '--timeout=60s']);
  });

  test('the second cluster is independent', async () => {
    const nodes = rows(await kubectl2.ok(['get', 'nodes']));
    assert.deepEqual(
      nodes.map((r) => [r[0], r[1]]),
      [
        ['member2-node-1', 'Ready'],
        ['member2-node-2', 'Ready'],
        ['member2-node-3', 'Ready'],
      ],
    );
    const region = await kubectl2.ok(['get', 'node', 'member2-node-1', '-o', 'jsonpath={.metadata.labels.topology\\.kubernetes\\.io/region}']);
    assert.equal(region, 'eu-west-1');
    const missing = await kubectl2(['get', 'deployment', 'frontend']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /deployments.apps "frontend" not found/);
    const pods = await kubectl2(['get', 'pods', '-A']);
    assert.match(pods.stderr, /No resources found/);
  });
});
