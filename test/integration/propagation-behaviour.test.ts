// Placement behaviour through the controllers: dynamic weights from cluster capacity, Aggregated, spread
// constraints, application failover with graceful eviction, suspension, conflict resolution,
// preserveResourcesOnDeletion and policy priority/preemption — policies applied with kubectl, members read
// through their own APIs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memberObject, startTestFleet, type TestFleet } from '../support/fleet.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults: {nodes: 1, capacity: {cpu: "16", memory: 64Gi, pods: "110"}}
clusters:
- {name: big, labels: {region: r1, tier: capacity}, capacity: {cpu: "32", memory: 128Gi, pods: "110"}}
- {name: small, labels: {region: r2, tier: capacity}, capacity: {cpu: "8", memory: 32Gi, pods: "110"}}
- {name: third, labels: {region: r3, tier: capacity}}
- {name: fo-1, labels: {pair: failover}}
- {name: fo-2, labels: {pair: failover}}
`;

const deployment = (name: string, replicas: number, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default, labels: {app: ${name}}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
${extra}`;

const policy = (name: string, placement: string, extra = '', selector = `{apiVersion: apps/v1, kind: Deployment, name: ${name}}`): string => `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: ${name}, namespace: default}
spec:
  resourceSelectors: [${selector}]
${extra}  placement:
${placement}`;

describe('propagation behaviour', () => {
  let fleet: TestFleet;
  before(async () => {
    fleet = await startTestFleet({ profile: PROFILE, controllerOptions: { gracefulEvictionTimeoutSeconds: 60, defaultFailoverTolerationSeconds: 1 } });
  });
  after(async () => {
    await fleet?.dispose();
  });

  const replicasOn = async (cluster: string, name: string): Promise<number | undefined> => (await memberObject(fleet.member[cluster]!, ['deploy', name]))?.spec.replicas;
  const spread = async (name: string, clusters: string[]): Promise<Record<string, number | undefined>> => Object.fromEntries(await Promise.all(clusters.map(async (c) => [c, await replicasOn(c, name)] as const)));
  const boundClusters = async (name: string): Promise<{ name: string; replicas: number }[]> => JSON.parse((await fleet.kubectl.ok(['get', 'rb', `${name}-deployment`, '-o', 'jsonpath={.spec.clusters}'])) || '[]');

  test('dynamic weights follow available capacity: 12 replicas of 1 CPU over 32, 8 and 16 free CPUs → 7:2:3', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('by-capacity', 12, '        resources: {requests: {cpu: "1", memory: 128Mi}}\n')}---\n${policy('by-capacity', `    clusterAffinity: {labelSelector: {matchLabels: {tier: capacity}}}
    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}
`)}`);
    await eventually('replicas divided by capacity', async () => JSON.stringify(await spread('by-capacity', ['big', 'small', 'third'])) === JSON.stringify({ big: 7, small: 2, third: 3 }));
  });

  test('Aggregated packs replicas into the fewest clusters that fit them', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('packed', 20, '        resources: {requests: {cpu: "1"}}\n')}---\n${policy('packed', `    clusterAffinity: {labelSelector: {matchLabels: {tier: capacity}}}
    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}
`)}`);
    // by-capacity already takes 7 of big's 32 CPUs: 25 are left, enough for all 20.
    await eventually('all 20 replicas on big', async () => JSON.stringify(await spread('packed', ['big', 'small', 'third'])) === JSON.stringify({ big: 20, small: undefined, third: undefined }));
  });

  test('spread constraints: two regions, one cluster each', async () => {
    // (Karmada ignores spread constraints under static weights; Duplicated honours them.)
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('spread', 4)}---\n${policy('spread', `    clusterAffinity: {labelSelector: {matchLabels: {tier: capacity}}}
    spreadConstraints:
    - {spreadByField: region, minGroups: 2, maxGroups: 2}
    - {spreadByField: cluster, minGroups: 2, maxGroups: 2}
    replicaScheduling: {replicaSchedulingType: Duplicated}
`)}`);
    const placed = await eventually('spread over two clusters', async () => {
      const found = Object.entries(await spread('spread', ['big', 'small', 'third'])).filter(([, n]) => n !== undefined);
      return found.length === 2 ? found : undefined;
    });
    assert.deepEqual(placed.map(([, r]) => r), [4, 4]);
    assert.equal((await boundClusters('spread')).length, 2);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(Object.values(await spread('spread', ['big', 'small', 'third'])).filter((n) => n !== undefined).length, 2, 'no third copy appears later');
  });

  test('application failover: unhealthy past the toleration moves the workload; the old copy stays until the new one is healthy', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('fragile', 2)}---\n${policy('fragile', `    clusterAffinity: {labelSelector: {matchLabels: {pair: failover}}}
    spreadConstraints: [{spreadByField: cluster, minGroups: 1, maxGroups: 1}]
    replicaScheduling: {replicaSchedulingType: Duplicated}
`, `  failover:
    application:
      decisionConditions: {tolerationSeconds: 2}
      purgeMode: Graciously
      gracePeriodSeconds: 120
`)}`);
    const [first] = await eventually('fragile scheduled', async () => ((await boundClusters('fragile')).length === 1 ? boundClusters('fragile') : undefined));
    const from = first!.name;
    const to = from === 'fo-1' ? 'fo-2' : 'fo-1';
    await eventually(`fragile ready on ${from}`, async () => (await memberObject(fleet.member[from]!, ['deploy', 'fragile']))?.status?.availableReplicas === 2);
    // Break it where it runs: no node takes pods, and the running ones go.
    const node = (await fleet.member[from]!.ok(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
    await fleet.member[from]!.ok(['cordon', node]);
    await fleet.member[from]!.ok(['delete', 'pods', '-l', 'app=fragile', '--wait=false']);
    await eventually(`fragile moved to ${to}`, async () => (await boundClusters('fragile'))[0]?.name === to, { timeoutMs: 30_000 });
    const tasks = JSON.parse(await fleet.kubectl.ok(['get', 'rb', 'fragile-deployment', '-o', 'jsonpath={.spec.gracefulEvictionTasks}']) || '[]');
    if (tasks.length) assert.equal(tasks[0].fromCluster, from, 'the eviction task names the cluster left');
    await eventually(`fragile healthy on ${to}`, async () => (await memberObject(fleet.member[to]!, ['deploy', 'fragile']))?.status?.availableReplicas === 2);
    await eventually(`the old copy removed from ${from} once ${to} is healthy`, async () => (await replicasOn(from, 'fragile')) === undefined);
    assert.equal(await fleet.kubectl.ok(['get', 'rb', 'fragile-deployment', '-o', 'jsonpath={.spec.gracefulEvictionTasks}']), '', 'the eviction task is done');
    assert.match(await fleet.kubectl.ok(['describe', 'deploy', 'fragile']), new RegExp(`EvictWorkloadFromClusterSucceed\\s+.*Evict from cluster ${from}`));
    await fleet.member[from]!.ok(['uncordon', node]);
  });

  test('suspended dispatching keeps the Work off the member until resumed', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('paused', 1)}---\n${policy('paused', '    clusterAffinity: {clusterNames: [third]}\n', '  suspension: {dispatching: true}\n')}`);
    await eventually('the Work written and marked suspended', async () => (await fleet.kubectl.ok(['get', 'work', '-n', 'karmada-es-third', 'default-paused-deployment', '-o', 'jsonpath={.spec.suspendDispatching}'])) === 'true');
    assert.match(await fleet.kubectl.ok(['get', 'work', '-n', 'karmada-es-third', 'default-paused-deployment', '-o', 'jsonpath={.status.conditions[?(@.type=="Dispatching")].reason}']), /SuspendDispatching/);
    assert.equal(await replicasOn('third', 'paused'), undefined);
    await fleet.kubectl.ok(['patch', 'propagationpolicy', 'paused', '--type', 'merge', '-p', '{"spec":{"suspension":null}}']);
    assert.equal(await eventually('paused dispatched after resuming', () => replicasOn('third', 'paused')), 1);
  });

  test('conflictResolution: an object already on the member is left alone under Abort and taken over under Overwrite', async () => {
    await fleet.member.third!.ok(['create', 'deployment', 'taken', '--image', 'busybox:1.36']);
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('taken', 1)}---\n${policy('taken', '    clusterAffinity: {clusterNames: [third]}\n')}`);
    await eventually('the binding reports the conflict', async () => /already exists on cluster third.*conflictResolution: Overwrite/.test(await fleet.kubectl.ok(['get', 'rb', 'taken-deployment', '-o', 'jsonpath={.status.conditions[?(@.type=="FullyApplied")].message}'])));
    assert.equal((await memberObject(fleet.member.third!, ['deploy', 'taken']))?.spec.template.spec.containers[0].image, 'busybox:1.36');
    await fleet.kubectl.ok(['patch', 'propagationpolicy', 'taken', '--type', 'merge', '-p', '{"spec":{"conflictResolution":"Overwrite"}}']);
    await eventually('the member object taken over', async () => (await memberObject(fleet.member.third!, ['deploy', 'taken']))?.spec.template.spec.containers[0].image === 'nginx:1.27');
  });

  test('preserveResourcesOnDeletion keeps member copies when the template is deleted', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('kept', 1)}---\n${policy('kept', '    clusterAffinity: {clusterNames: [third]}\n', '  preserveResourcesOnDeletion: true\n')}`);
    await eventually('kept on third', () => replicasOn('third', 'kept'));
    await fleet.kubectl.ok(['delete', 'deploy', 'kept']);
    await eventually('the Work gone', async () => (await fleet.kubectl(['get', 'work', '-n', 'karmada-es-third', 'default-kept-deployment'])).code === 1);
    assert.equal(await replicasOn('third', 'kept'), 1, 'the member copy stays');
  });

  test('a claimed template stays with its policy until a higher-priority policy with preemption: Always takes it', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('contested', 1)}---\n${policy('contested-low', '    clusterAffinity: {clusterNames: [big]}\n', '  priority: 1\n', '{apiVersion: apps/v1, kind: Deployment, labelSelector: {matchLabels: {app: contested}}}')}`);
    await eventually('contested on big', () => replicasOn('big', 'contested'));
    await fleet.kubectl.ok(['apply', '-f', '-'], policy('contested-high', '    clusterAffinity: {clusterNames: [small]}\n', '  priority: 5\n', '{apiVersion: apps/v1, kind: Deployment, name: contested}'));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await replicasOn('small', 'contested'), undefined, 'without preemption the claim holds');
    assert.match(await fleet.kubectl.ok(['get', 'deploy', 'contested', '-o', 'jsonpath={.metadata.annotations}']), /"propagationpolicy.karmada.io\/name":"contested-low"/);
    await fleet.kubectl.ok(['patch', 'propagationpolicy', 'contested-high', '--type', 'merge', '-p', '{"spec":{"preemption":"Always"}}']);
    await eventually('contested moved to small', () => replicasOn('small', 'contested'));
    await eventually('and gone from big', async () => (await replicasOn('big', 'contested')) === undefined);
  });

  test('drift on a member is corrected, and deleting the policy removes the member copies', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('steady', 2)}---\n${policy('steady', '    clusterAffinity: {clusterNames: [third]}\n')}`);
    await eventually('steady on third', () => replicasOn('third', 'steady'));
    await fleet.member.third!.ok(['scale', 'deploy', 'steady', '--replicas', '5']);
    await fleet.member.third!.ok(['set', 'image', 'deploy/steady', 'app=nginx:drifted']);
    await eventually('the member copy restored to the template', async () => {
      const copy = await memberObject(fleet.member.third!, ['deploy', 'steady']);
      return copy?.spec.replicas === 2 && copy.spec.template.spec.containers[0].image === 'nginx:1.27';
    });
    await fleet.kubectl.ok(['delete', 'propagationpolicy', 'steady']);
    await eventually('the copy removed once no policy claims the template', async () => (await replicasOn('third', 'steady')) === undefined);
    assert.equal((await fleet.kubectl(['get', 'rb', 'steady-deployment'])).code, 1, 'and its binding');
  });

  test('kubectl shows fleets, clusters, bindings and works with their columns', async () => {
    const out = await fleet.kubectl.ok(['get', 'fleets,attachedclusters,rb,work', '-A']);
    assert.match(out, /NAMESPACE\s+NAME\s+PHASE\s+READY/);
    assert.match(out, /^default\s+fleet\.fleet\.kurator\.dev\/default\s+Ready\s+5\s/m);
    assert.match(out, /^default\s+attachedcluster\.cluster\.kurator\.dev\/big\s+true\s+v1\.32\.0\s/m);
    assert.match(out, /NAMESPACE\s+NAME\s+SCHEDULED\s+FULLYAPPLIED\s+AGE/);
    assert.match(out, /NAMESPACE\s+NAME\s+WORKLOAD-KIND\s+APPLIED\s+AGE/);
    assert.match(out, /^karmada-es-third\s+work\.work\.karmada\.io\/default-taken-deployment\s+Deployment\s+True\s/m);
  });

  test('ordered clusterAffinities: the backup term takes over when the primary cluster fails', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('tiered', 1)}---\n${policy('tiered', `    clusterAffinities:
    - {affinityName: primary, clusterNames: [fo-1]}
    - {affinityName: backup, clusterNames: [fo-2]}
`)}`);
    await eventually('tiered on fo-1', () => replicasOn('fo-1', 'tiered'));
    assert.equal(await fleet.kubectl.ok(['get', 'rb', 'tiered-deployment', '-o', 'jsonpath={.status.schedulerObservingAffinityName}']), 'primary');
    fleet.sim.faults.set('fo-1', { outage: 'unavailable' });
    try {
      await eventually('tiered on fo-2 under the backup term', async () => (await replicasOn('fo-2', 'tiered')) === 1 && (await fleet.kubectl.ok(['get', 'rb', 'tiered-deployment', '-o', 'jsonpath={.status.schedulerObservingAffinityName}'])) === 'backup');
    } finally {
      fleet.sim.faults.heal('fo-1');
    }
  });
  test('a custom resource whose kind is named like an Object member travels with its CRD and is taken over under Overwrite', async () => {
    // 'toString' is a legal kind (its lowercase is a DNS label); the controllers look kinds up by name.
    await fleet.kubectl.ok(['apply', '-f', '-'], `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: tostrings.odd.example.io}
spec:
  group: odd.example.io
  scope: Namespaced
  names: {kind: toString, plural: tostrings, singular: tostring, listKind: toStringList}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: ClusterPropagationPolicy
metadata: {name: odd-crd}
spec:
  resourceSelectors: [{apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, name: tostrings.odd.example.io}]
  placement: {clusterAffinity: {clusterNames: [third]}}
`);
    const third = fleet.member.third!;
    await eventually('the CRD on third', () => memberObject(third, ['crd', 'tostrings.odd.example.io']));
    await eventually('third serving tostrings', async () => (await third(['get', 'tostrings.odd.example.io'])).code === 0);
    await third.ok(['apply', '-f', '-'], 'apiVersion: odd.example.io/v1\nkind: toString\nmetadata: {name: odd, namespace: default}\nspec: {size: 1, owner: member}\n');
    await fleet.kubectl.ok(['apply', '-f', '-'], `apiVersion: odd.example.io/v1
kind: toString
metadata: {name: odd, namespace: default}
spec: {size: 2}
---
${policy('odd', '    clusterAffinity: {clusterNames: [third]}\n', '  conflictResolution: Overwrite\n', '{apiVersion: odd.example.io/v1, kind: toString, name: odd}')}`);
    const taken = await eventually('the member copy taken over', async () => {
      const copy = await memberObject(third, ['tostrings.odd.example.io', 'odd']);
      return copy?.spec.size === 2 ? copy : undefined;
    });
    assert.equal(taken.spec.owner, undefined, 'the hub object replaced the member one');
    await eventually('the binding FullyApplied', async () => /^odd-tostring\s+True\s+True\s/m.test(await fleet.kubectl.ok(['get', 'rb', '-n', 'default'])));
  });

  test('a copy into a namespace the member lacks creates the namespace first, again after the member loses it', async () => {
    // Namespace sync skips this namespace, so only the copy's own apply can bring it to the member.
    await fleet.kubectl.ok(['apply', '-f', '-'], `apiVersion: v1
kind: Namespace
metadata: {name: solo, labels: {namespace.karmada.io/skip-auto-propagation: "true"}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: solo}
data: {mode: first}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: settings, namespace: solo}
spec:
  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: settings}]
  placement: {clusterAffinity: {clusterNames: [third]}}
`);
    const third = fleet.member.third!;
    const copy = await eventually('the ConfigMap on third', () => memberObject(third, ['configmap', 'settings', '-n', 'solo']));
    assert.equal(copy.data.mode, 'first');
    const namespace = await memberObject(third, ['namespace', 'solo']);
    assert.equal(namespace?.metadata.labels?.['kurator.dev/managed-by'], 'kurator', 'the namespace was made for the copy');
    // Deleting it takes the copy along; the next apply (drift correction, or the change below) finds no
    // namespace and makes it again.
    assert.equal((await third(['delete', 'namespace', 'solo', '--wait=true'])).code, 0);
    await fleet.kubectl.ok(['patch', 'configmap', 'settings', '-n', 'solo', '--type', 'merge', '-p', '{"data":{"mode":"second"}}']);
    await eventually('the changed ConfigMap back on third', async () => (await memberObject(third, ['configmap', 'settings', '-n', 'solo']))?.data?.mode === 'second');
  });

  test("a Job and a Service reach their members without what the hub generated for them: each member's Job selects its own pods and runs, each Service gets its member's IP", async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `apiVersion: batch/v1
kind: Job
metadata: {name: once, namespace: default}
spec:
  ttlSecondsAfterFinished: 600
  template:
    metadata: {labels: {app: once}}
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox}]
---
apiVersion: v1
kind: Service
metadata: {name: once, namespace: default}
spec:
  selector: {app: once}
  ports: [{port: 80}]
---
${policy('once', '    clusterAffinity: {clusterNames: [small, third]}\n', '', '{apiVersion: batch/v1, kind: Job, name: once}, {apiVersion: v1, kind: Service, name: once}')}`);
    const hubJob = JSON.parse(await fleet.kubectl.ok(['get', 'job', 'once', '-o', 'json'])) as { metadata: { uid: string }; spec: { selector: { matchLabels: Record<string, string> } } };
    assert.deepEqual(hubJob.spec.selector.matchLabels, { 'batch.kubernetes.io/controller-uid': hubJob.metadata.uid }, 'the hub generates the selector as kube-apiserver does');
    const hubIp = await fleet.kubectl.ok(['get', 'service', 'once', '-o', 'jsonpath={.spec.clusterIP}']);
    for (const cluster of ['small', 'third']) {
      const member = fleet.member[cluster]!;
      const job = await eventually(`the Job on ${cluster}`, () => memberObject(member, ['job', 'once']));
      assert.deepEqual(job.spec.selector.matchLabels, { 'batch.kubernetes.io/controller-uid': job.metadata.uid }, `${cluster} selects its own Job's pods`);
      assert.equal(job.spec.template.metadata.labels['job-name'], 'once');
      assert.equal(job.spec.template.metadata.labels['controller-uid'], job.metadata.uid);
      assert.equal(job.spec.ttlSecondsAfterFinished, undefined, 'members keep finished Jobs: the hub owns their lifetime');
      await eventually(`the Job complete on ${cluster}`, async () => (await memberObject(member, ['job', 'once']))?.status?.succeeded === 1);
      const service = await eventually(`the Service on ${cluster}`, () => memberObject(member, ['service', 'once']));
      assert.ok(service.spec.clusterIP && service.spec.clusterIP !== hubIp, `${cluster} assigns its own cluster IP (${service.spec.clusterIP} against the hub's ${hubIp})`);
    }
    await eventually('the hub Job reports both members complete', async () => {
      const status = (await memberObject(fleet.kubectl, ['job', 'once']))?.status;
      return status?.succeeded === 2 && status.conditions?.some((c: { type: string; status: string }) => c.type === 'Complete' && c.status === 'True');
    });
  });
});
