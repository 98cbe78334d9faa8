// Names a JavaScript object already answers to. 'constructor' is a valid cluster, namespace, object and
// label name, and 'toString' a valid kind; every lookup keyed by a user's name must treat them like any
// other name. A fleet with a cluster named 'constructor' takes a Deployment of that name, divided by
// weight and by capacity, overridden on that cluster, and cleaned up again — applied with kubectl,
// members read through their own APIs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memberObject, startTestFleet, type TestFleet } from '../support/fleet.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults: {nodes: 1, capacity: {cpu: "16", memory: 64Gi, pods: "110"}}
clusters:
- {name: constructor, labels: {constructor: "yes"}}
- {name: plain, labels: {constructor: "yes"}, capacity: {cpu: "8", memory: 32Gi, pods: "110"}}
`;

const CLUSTERS = ['constructor', 'plain'];

const deployment = (name: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: constructor, labels: {constructor: "${name}"}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: constructor
        image: nginx:1.27
        resources: {requests: {cpu: "1", memory: 128Mi}}
`;

describe('names JavaScript objects already answer to', () => {
  let fleet: TestFleet;
  before(async () => {
    fleet = await startTestFleet({ profile: PROFILE });
    await fleet.kubectl.ok(['create', 'namespace', 'constructor']);
  });
  after(async () => {
    await fleet?.dispose();
  });

  const replicasOn = async (cluster: string, name: string): Promise<number | undefined> => (await memberObject(fleet.member[cluster]!, ['deploy', name, '-n', 'constructor']))?.spec.replicas;
  const spread = async (name: string): Promise<string> => JSON.stringify(Object.fromEntries(await Promise.all(CLUSTERS.map(async (c) => [c, (await replicasOn(c, name)) ?? null] as const))));

  test("a cluster, namespace, Deployment, policy and label key named 'constructor' propagate like any other", async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('constructor', 3)}---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: constructor, namespace: constructor}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, labelSelector: {matchLabels: {constructor: constructor}}}]
  placement:
    clusterAffinity: {labelSelector: {matchExpressions: [{key: constructor, operator: In, values: ["yes"]}]}}
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
        - {targetCluster: {clusterNames: [constructor]}, weight: 1}
        - {targetCluster: {clusterNames: [plain]}, weight: 2}
---
apiVersion: policy.karmada.io/v1alpha1
kind: OverridePolicy
metadata: {name: constructor, namespace: constructor}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: constructor}]
  overrideRules:
  - targetCluster: {clusterNames: [constructor]}
    overriders:
      imageOverrider: [{component: Tag, operator: replace, value: "1.28"}]
`);
    await eventually('1 and 2 replicas by weight', async () => (await spread('constructor')) === JSON.stringify({ constructor: 1, plain: 2 }));
    const images = await Promise.all(CLUSTERS.map(async (c) => (await memberObject(fleet.member[c]!, ['deploy', 'constructor', '-n', 'constructor']))?.spec.template.spec.containers[0].image));
    assert.deepEqual(images, ['nginx:1.28', 'nginx:1.27'], 'the override applies on the cluster it names only');
    await eventually('the binding FullyApplied', async () => /^constructor-deployment\s+True\s+True\s/m.test(await fleet.kubectl.ok(['get', 'rb', '-n', 'constructor'])));
    const works = await fleet.kubectl.ok(['get', 'works', '-n', 'karmada-es-constructor', '-o', 'name']);
    assert.match(works, /constructor/, 'the Work sits in the cluster\'s execution namespace');
    await eventually('the hub Deployment reports 3 ready replicas from both clusters', async () => /^constructor\s+3\/3\s/m.test(await fleet.kubectl.ok(['get', 'deploy', '-n', 'constructor'])));
  });

  test("replicas divided by capacity count a cluster named 'constructor' like any other", async () => {
    await fleet.kubectl.ok(['apply', '-f', '-'], `${deployment('by-room', 6)}---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: by-room, namespace: constructor}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: by-room}]
  placement:
    clusterAffinity: {clusterNames: [constructor, plain]}
    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}
`);
    // Free CPUs 16 - 1 (the Deployment above) and 8 - 2: 15 and 6 replicas of 1 CPU fit, so 6 divide 4:2.
    await eventually('6 replicas divided 4:2 by room', async () => (await spread('by-room')) === JSON.stringify({ constructor: 4, plain: 2 }));
    const clusters = JSON.parse(await fleet.kubectl.ok(['get', 'rb', 'by-room-deployment', '-n', 'constructor', '-o', 'jsonpath={.spec.clusters}'])) as { name: string; replicas: number }[];
    for (const c of clusters) assert.equal(typeof c.replicas, 'number', `${c.name}'s replicas are a count`);
  });

  test("deleting the policy named 'constructor' removes the copies it made", async () => {
    await fleet.kubectl.ok(['delete', 'propagationpolicy', 'constructor', '-n', 'constructor']);
    await eventually('the copies gone from both clusters', async () => (await spread('constructor')) === JSON.stringify({ constructor: null, plain: null }));
  });
});
