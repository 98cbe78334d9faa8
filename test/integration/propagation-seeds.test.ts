// Seeds 13, 14 and 20 applied unchanged to the hub with kubectl, checked on the members through their own
// APIs: Kurator's policy aliases, namespaceAffinity, the weights shorthand, and a custom resource that
// travels with its CustomResourceDefinition (a ClusterPropagationPolicy → ClusterResourceBinding).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../support/corpus.js';
import { memberObject, startTestFleet, type TestFleet } from '../support/fleet.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults: {nodes: 1, capacity: {cpu: "16", memory: 64Gi}}
clusters:
- {name: cluster-1, labels: {region: cn}}
- {name: cluster-2, labels: {region: cn}}
- {name: asia-cluster, labels: {region: asia, environment: production}}
- {name: eu-cluster, labels: {region: eu, environment: production}}
- {name: us-cluster, labels: {region: us, environment: production}}
- {name: eu-staging, labels: {region: eu, environment: staging}}
`;
const PRODUCTION = ['asia-cluster', 'eu-cluster', 'us-cluster'];

const deployment = (name: string, namespace: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: nginx:1.27}]}
`;

describe('seed propagation examples', { skip: existsSync(CORPUS_DIR) ? false : 'no ../shared/corpus beside the project' }, () => {
  let fleet: TestFleet;
  before(async () => {
    fleet = await startTestFleet({ profile: PROFILE });
  });
  after(async () => {
    await fleet?.dispose();
  });

  const replicasOn = async (cluster: string, name: string, namespace = 'default'): Promise<number | undefined> => (await memberObject(fleet.member[cluster]!, ['deploy', name, '-n', namespace]))?.spec.replicas;

  test('seed 13: a policy.kurator.dev ClusterPropagationPolicy places nginx of namespace default on cluster-1 and cluster-2 only', async () => {
    await fleet.kubectl.ok(['create', 'namespace', 'other']);
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('nginx', 'default', 2)}---\n${deployment('nginx', 'other', 2)}`);
    await fleet.kubectl.ok(['apply', '-f', join(CORPUS_DIR, 'seeds/13-cluster-propagation-policy.yaml')]);
    for (const cluster of ['cluster-1', 'cluster-2']) {
      assert.equal(await eventually(`nginx on ${cluster}`, () => replicasOn(cluster, 'nginx')), 2, 'Duplicated is the default: each cluster runs every replica');
    }
    await eventually('the binding FullyApplied', async () => /^nginx-deployment\s+True\s+True\s/m.test(await fleet.kubectl.ok(['get', 'rb', '-n', 'default'])));
    assert.equal(await replicasOn('asia-cluster', 'nginx'), undefined, 'clusters outside clusterNames get nothing');
    assert.equal(await replicasOn('cluster-1', 'nginx', 'other'), undefined, 'namespaceAffinity keeps namespace other out');
    assert.doesNotMatch(await fleet.kubectl.ok(['get', 'rb', '-n', 'other']), /nginx/);
  });

  test('seed 14: kurator.dev PropagationPolicies duplicate web-server to production and divide frontend 50/30/20 by the weights shorthand', async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('web-server', 'default', 3)}---\n${deployment('frontend', 'default', 10)}`);
    await fleet.kubectl.ok(['apply', '-f', join(CORPUS_DIR, 'seeds/14-kurator-propagation-policies.yaml')]);
    for (const cluster of PRODUCTION) assert.equal(await eventually(`web-server on ${cluster}`, () => replicasOn(cluster, 'web-server')), 3);
    const expected: Record<string, number> = { 'asia-cluster': 5, 'eu-cluster': 3, 'us-cluster': 2 };
    for (const [cluster, replicas] of Object.entries(expected)) {
      await eventually(`frontend ${replicas} on ${cluster}`, async () => (await replicasOn(cluster, 'frontend')) === replicas);
    }
    assert.equal(await replicasOn('eu-staging', 'web-server'), undefined, 'the staging cluster is not production');
    assert.equal(await replicasOn('eu-staging', 'frontend'), undefined, 'a cluster the weights leave out gets no replicas and no copy');
    await eventually('the hub frontend to sum 10 ready replicas', async () => /^frontend\s+10\/10\s+10\s+10\s/m.test(await fleet.kubectl.ok(['get', 'deploy', 'frontend'])));
    const described = await fleet.kubectl.ok(['describe', 'deploy', 'frontend']);
    assert.match(described, /ApplyPolicySucceed\s+.*Apply policy\(default\/global-ecommerce\) succeed/);
    assert.match(described, /ScheduleBindingSucceed\s+.*Result: \{asia-cluster:5, eu-cluster:3, us-cluster:2\}/);
    for (const cluster of PRODUCTION) assert.match(described, new RegExp(`SyncSucceed\\s+.*Successfully applied resource\\(default/frontend\\) to cluster ${cluster}`));
  });

  test('seed 20: the HelmRelease reaches the production clusters after its CustomResourceDefinition, which a ClusterResourceBinding carries', async () => {
    await fleet.kubectl.ok(['create', 'namespace', 'production']);
    await fleet.kubectl.ok(['apply', '-f', '-'], `apiVersion: policy.karmada.io/v1alpha1
kind: ClusterPropagationPolicy
metadata: {name: flux-crds}
spec:
  resourceSelectors:
  - {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, name: helmreleases.helm.toolkit.fluxcd.io}
  placement:
    clusterAffinity: {labelSelector: {matchLabels: {environment: production}}}
`);
    await fleet.kubectl.ok(['apply', '-f', join(CORPUS_DIR, 'seeds/20-helmrelease-propagation.yaml')]);
    for (const cluster of PRODUCTION) {
      const release = await eventually(`the HelmRelease on ${cluster}`, () => memberObject(fleet.member[cluster]!, ['helmreleases.v2beta1.helm.toolkit.fluxcd.io', 'e-commerce-app', '-n', 'production']));
      assert.equal(release.spec.chart.spec.version, '1.2.3');
      assert.deepEqual(release.spec.values, { frontend: { replicas: 3 }, backend: { replicas: 5 }, database: { enabled: false } });
    }
    assert.equal((await fleet.member['eu-staging']!(['get', 'crd', 'helmreleases.helm.toolkit.fluxcd.io'])).code, 1, 'the CRD goes only where the policy says');
    await eventually('the ClusterResourceBinding FullyApplied', async () => /^helmreleases\.helm\.toolkit\.fluxcd\.io-customresourcedefinition\s+True\s+True\s/m.test(await fleet.kubectl.ok(['get', 'crb'])));
    await eventually('the HelmRelease binding FullyApplied', async () => /^e-commerce-app-helmrelease\s+True\s+True\s/m.test(await fleet.kubectl.ok(['get', 'rb', '-n', 'production'])));
  });
});
