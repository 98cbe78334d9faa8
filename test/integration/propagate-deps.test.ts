// propagateDeps end to end: a workload's ConfigMaps, Secrets and ServiceAccount follow it to the clusters it
// is placed on (read with each member's own kubectl), stay current, move with it, and leave the members when
// the workload stops referencing them, goes away, or its policy stops asking for them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestFleet, type TestFleet } from '../support/fleet.js';
import type { Kubectl } from '../support/kubectl.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults: {nodes: 1, capacity: {cpu: "8", memory: 32Gi}}
clusters:
- {name: member1, labels: {region: eu-west-1}}
- {name: member2, labels: {region: us-east-1}}
- {name: member3, labels: {region: ap-south-1}}
`;
const NS = 'shop';

const DEPENDENCIES = `apiVersion: v1
kind: Namespace
metadata: {name: ${NS}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: ${NS}}
data: {greeting: hello}
---
apiVersion: v1
kind: Secret
metadata: {name: web-secret, namespace: ${NS}}
stringData: {token: s3cret}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web-sa, namespace: ${NS}}
`;

/** The web Deployment; `secret: false` drops its envFrom reference to web-secret. */
function webDeployment(options: { secret: boolean; lateConfig?: boolean }): string {
  const envFrom = options.secret ? `
        envFrom: [{secretRef: {name: web-secret}}]` : '';
  const env = options.lateConfig ? `
        env: [{name: MODE, valueFrom: {configMapKeyRef: {name: late-config, key: mode}}}]` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${NS}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web-sa
      volumes: [{name: config, configMap: {name: web-config}}]
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts: [{name: config, mountPath: /etc/web}]${envFrom}${env}
`;
}

function policy(name: string, workload: string, clusters: string[], propagateDeps: boolean | undefined): string {
  return `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: ${name}, namespace: ${NS}}
spec:
${propagateDeps === undefined ? '' : `  propagateDeps: ${propagateDeps}\n`}  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: ${workload}}]
  placement:
    clusterAffinity: {clusterNames: [${clusters.join(', ')}]}
`;
}

interface BindingJson {
  metadata: { labels?: Record<string, string>; ownerReferences?: { kind: string; name: string; uid: string }[] };
  spec: { resource: { apiVersion: string; kind: string; name: string; uid?: string }; requiredBy?: { namespace: string; name: string; clusters: { name: string }[] }[]; placement?: unknown };
}

describe('propagateDeps', () => {
  let fleet: TestFleet;
  let kubectl: Kubectl;
  let member: Record<string, Kubectl>;

  /** The object's JSON on a member, or undefined while it has none. */
  const onMember = async (cluster: string, kind: string, name: string): Promise<Record<string, unknown> | undefined> => {
    const result = await member[cluster]!(['get', kind, name, '-n', NS, '-o', 'json']);
    return result.code === 0 ? (JSON.parse(result.stdout) as Record<string, unknown>) : undefined;
  };
  const present = async (cluster: string, kind: string, name: string): Promise<boolean> => (await onMember(cluster, kind, name)) !== undefined;
  const waitPresent = (cluster: string, kind: string, name: string) => eventually(`${kind} ${name} on ${cluster}`, () => present(cluster, kind, name));
  const waitGone = (cluster: string, kind: string, name: string) => eventually(`${kind} ${name} gone from ${cluster}`, async () => !(await present(cluster, kind, name)));
  const hubBinding = async (name: string): Promise<BindingJson | undefined> => {
    const result = await kubectl(['get', 'resourcebindings.work.karmada.io', name, '-n', NS, '-o', 'json']);
    return result.code === 0 ? (JSON.parse(result.stdout) as BindingJson) : undefined;
  };

  before(async () => {
    fleet = await startTestFleet({ profile: PROFILE });
    ({ kubectl, member } = fleet);
  });
  after(async () => {
    await fleet?.dispose();
  });

  test('the ConfigMap, Secret and ServiceAccount a Deployment references reach exactly the clusters it is placed on', async () => {
    await kubectl.ok(['apply', '-f', '-'], DEPENDENCIES);
    await kubectl.ok(['apply', '-f', '-'], `${webDeployment({ secret: true })}---\n${policy('web', 'web', ['member1', 'member2'], true)}`);
    for (const cluster of ['member1', 'member2']) {
      await waitPresent(cluster, 'deploy', 'web');
      for (const [kind, name] of [['configmap', 'web-config'], ['secret', 'web-secret'], ['serviceaccount', 'web-sa']] as const) await waitPresent(cluster, kind, name);
    }
    const config = await onMember('member1', 'configmap', 'web-config');
    assert.deepEqual(config?.data, { greeting: 'hello' });
    const secret = await onMember('member2', 'secret', 'web-secret');
    assert.equal(Buffer.from((secret?.data as Record<string, string>).token!, 'base64').toString('utf8'), 's3cret');
    for (const [kind, name] of [['deploy', 'web'], ['configmap', 'web-config'], ['secret', 'web-secret'], ['serviceaccount', 'web-sa']] as const) {
      assert.equal(await present('member3', kind, name), false, `${kind} ${name} must not reach member3`);
    }

    // The attached binding on the hub: Karmada's shape, required by the Deployment's binding, owned by the ConfigMap.
    const attached = await eventually('the attached binding of web-config', () => hubBinding('web-config-configmap'));
    const hubConfig = JSON.parse(await kubectl.ok(['get', 'configmap', 'web-config', '-n', NS, '-o', 'json'])) as { metadata: { uid: string } };
    assert.deepEqual({ ...attached.spec.resource }, { apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'web-config', uid: hubConfig.metadata.uid });
    assert.deepEqual(attached.spec.requiredBy?.map((r) => [r.namespace, r.name, r.clusters.map((c) => c.name).sort()]), [[NS, 'web-deployment', ['member1', 'member2']]]);
    assert.equal(attached.spec.placement, undefined, 'an attached binding has no placement of its own');
    assert.equal(attached.metadata.labels?.['propagationpolicy.karmada.io/name'], undefined);
    assert.deepEqual(Object.entries(attached.metadata.labels ?? {}).filter(([k]) => k.startsWith('resourcebinding.karmada.io/depended-by-')).map(([, v]) => v), [`${NS}_web-deployment`]);
    assert.deepEqual(attached.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.uid]), [['ConfigMap', 'web-config', hubConfig.metadata.uid]]);
  });

  test('a ConfigMap changed on the hub changes on the members', async () => {
    await kubectl.ok(['patch', 'configmap', 'web-config', '-n', NS, '--type', 'merge', '-p', '{"data":{"greeting":"bonjour"}}']);
    for (const cluster of ['member1', 'member2']) {
      await eventually(`the new greeting on ${cluster}`, async () => ((await onMember(cluster, 'configmap', 'web-config'))?.data as Record<string, string> | undefined)?.greeting === 'bonjour');
    }
  });

  test('a dependency created after the workload follows it once it exists', async () => {
    await kubectl.ok(['apply', '-f', '-'], webDeployment({ secret: true, lateConfig: true }));
    await eventually('the Deployment on member1 to read late-config', async () => JSON.stringify(await onMember('member1', 'deploy', 'web')).includes('late-config'));
    assert.equal(await hubBinding('late-config-configmap'), undefined, 'no binding for a ConfigMap the hub does not have');
    await kubectl.ok(['create', 'configmap', 'late-config', '-n', NS, '--from-literal=mode=fast']);
    for (const cluster of ['member1', 'member2']) await waitPresent(cluster, 'configmap', 'late-config');
    assert.equal(await present('member3', 'configmap', 'late-config'), false);
  });

  test('changing the policy\'s clusters moves the dependencies with the workload', async () => {
    await kubectl.ok(['apply', '-f', '-'], policy('web', 'web', ['member2', 'member3'], true));
    for (const [kind, name] of [['deploy', 'web'], ['configmap', 'web-config'], ['configmap', 'late-config'], ['secret', 'web-secret'], ['serviceaccount', 'web-sa']] as const) {
      await waitPresent('member3', kind, name);
      await waitGone('member1', kind, name);
      assert.ok(await present('member2', kind, name), `${kind} ${name} stays on member2`);
    }
    const attached = await hubBinding('web-sa-serviceaccount');
    assert.deepEqual(attached?.spec.requiredBy?.[0]?.clusters.map((c) => c.name).sort(), ['member2', 'member3']);
  });

  test('a dependency the workload no longer references leaves the members; the others stay', async () => {
    await kubectl.ok(['apply', '-f', '-'], webDeployment({ secret: false, lateConfig: true }));
    for (const cluster of ['member2', 'member3']) await waitGone(cluster, 'secret', 'web-secret');
    await eventually('the Secret\'s attached binding to go', async () => (await hubBinding('web-secret-secret')) === undefined);
    assert.equal((await kubectl(['get', 'secret', 'web-secret', '-n', NS])).code, 0, 'the hub keeps the Secret itself');
    for (const cluster of ['member2', 'member3']) {
      assert.ok(await present(cluster, 'configmap', 'web-config'), `web-config stays on ${cluster}`);
      assert.ok(await present(cluster, 'serviceaccount', 'web-sa'), `web-sa stays on ${cluster}`);
    }
  });

  test('a policy without propagateDeps leaves dependencies behind; turning it on and off adds and removes them', async () => {
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: v1
kind: ConfigMap
metadata: {name: plain-config, namespace: ${NS}}
data: {level: info}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: plain, namespace: ${NS}}
spec:
  replicas: 1
  selector: {matchLabels: {app: plain}}
  template:
    metadata: {labels: {app: plain}}
    spec:
      containers:
      - name: plain
        image: busybox
        envFrom: [{configMapRef: {name: plain-config}}]
---
${policy('plain', 'plain', ['member1'], undefined)}`);
    await waitPresent('member1', 'deploy', 'plain');
    await eventually('the plain binding to be fully applied', async () => /^plain-deployment\s+True\s+True\s/m.test(await kubectl.ok(['get', 'rb', '-n', NS])));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await present('member1', 'configmap', 'plain-config'), false, 'no propagateDeps: the ConfigMap stays on the hub');
    assert.equal(await hubBinding('plain-config-configmap'), undefined);

    await kubectl.ok(['apply', '-f', '-'], policy('plain', 'plain', ['member1'], true));
    await waitPresent('member1', 'configmap', 'plain-config');
    await kubectl.ok(['apply', '-f', '-'], policy('plain', 'plain', ['member1'], false));
    await waitGone('member1', 'configmap', 'plain-config');
    assert.ok(await present('member1', 'deploy', 'plain'), 'the workload itself stays');
  });

  test('deleting the Deployment removes its dependencies from the members, not from the hub', async () => {
    await kubectl.ok(['delete', 'deploy', 'web', '-n', NS]);
    for (const cluster of ['member2', 'member3']) {
      await waitGone(cluster, 'deploy', 'web');
      for (const [kind, name] of [['configmap', 'web-config'], ['configmap', 'late-config'], ['serviceaccount', 'web-sa']] as const) await waitGone(cluster, kind, name);
    }
    for (const name of ['web-config-configmap', 'late-config-configmap', 'web-sa-serviceaccount']) {
      await eventually(`binding ${name} to go`, async () => (await hubBinding(name)) === undefined);
    }
    assert.equal((await kubectl(['get', 'configmap', 'web-config', '-n', NS])).code, 0, 'the hub keeps the ConfigMap');
    assert.equal((await kubectl(['get', 'serviceaccount', 'web-sa', '-n', NS])).code, 0, 'the hub keeps the ServiceAccount');
  });
});
