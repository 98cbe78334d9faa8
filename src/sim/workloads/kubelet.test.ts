import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageIDFor, normalizeImage } from './container-status.js';
import { deletionDecision, finishedPodStatus, runningPodStatus } from './kubelet.js';
import type { Pod } from './types-core.js';

const T0 = '2025-03-01T12:00:00Z';
const T1 = '2025-03-01T12:00:05Z';
const T2 = '2025-03-01T12:00:30Z';
const ADDR = { podIP: '10.244.1.7', hostIP: '172.18.0.5' };

function webPod(extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-7d9f8c6b5-x2x4k', namespace: 'default', uid: 'pod-uid-1' },
    spec: {
      nodeName: 'node-1',
      containers: [
        { name: 'web', image: 'nginx:1.25', volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] },
        { name: 'metrics', image: 'quay.io/prometheus/node-exporter:v1.8.0' },
      ],
      ...extra,
    },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: T0 }] },
  };
}

const imageCases: [string, string][] = [
  ['nginx', 'docker.io/library/nginx:latest'],
  ['nginx:1.25', 'docker.io/library/nginx:1.25'],
  ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
  ['quay.io/prometheus/node-exporter:v1.8.0', 'quay.io/prometheus/node-exporter:v1.8.0'],
  ['localhost:5000/app', 'localhost:5000/app:latest'],
  ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
];
for (const [image, want] of imageCases) {
  test(`image ${image} is reported as ${want}`, () => {
    assert.equal(normalizeImage(image), want);
    assert.match(imageIDFor(image), new RegExp(`^${want.slice(0, want.lastIndexOf(':')).replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`));
  });
}

function conditions(status: ReturnType<typeof runningPodStatus>): (string | undefined)[][] {
  return (status.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime]);
}

test('creating stage: Pending, containers ContainerCreating, IPs and start time set', () => {
  const s = runningPodStatus(webPod(), 'creating', ADDR, T1);
  assert.equal(s.phase, 'Pending');
  assert.deepEqual([s.podIP, s.podIPs, s.hostIP, s.hostIPs, s.startTime, s.qosClass], [ADDR.podIP, [{ ip: ADDR.podIP }], ADDR.hostIP, [{ ip: ADDR.hostIP }], T1, 'BestEffort']);
  assert.deepEqual(s.containerStatuses?.map((c) => [c.name, c.state.waiting?.reason, c.ready, c.started, c.imageID, c.containerID]), [
    ['metrics', 'ContainerCreating', false, false, '', undefined],
    ['web', 'ContainerCreating', false, false, '', undefined],
  ]);
  assert.deepEqual(conditions(s), [
    ['PodReadyToStartContainers', 'True', undefined, undefined, T1],
    ['Initialized', 'True', undefined, undefined, T1],
    ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [web metrics]', T1],
    ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [web metrics]', T1],
    ['PodScheduled', 'True', undefined, undefined, T0],
  ]);
});

test('started then ready: Running, container statuses as containerd reports them, transition times kept', () => {
  const started = runningPodStatus(webPod(), 'started', ADDR, T1);
  assert.equal(started.phase, 'Running');
  const web = started.containerStatuses?.find((c) => c.name === 'web');
  assert.deepEqual(Object.keys(web ?? {}).sort(), ['containerID', 'image', 'imageID', 'lastState', 'name', 'ready', 'restartCount', 'started', 'state', 'volumeMounts']);
  assert.equal(web?.image, 'docker.io/library/nginx:1.25');
  assert.match(web?.containerID ?? '', /^containerd:\/\/[0-9a-f]{64}$/);
  assert.deepEqual([web?.ready, web?.started, web?.restartCount, web?.state, web?.lastState], [false, true, 0, { running: { startedAt: T1 } }, {}]);
  assert.deepEqual(web?.volumeMounts, [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' }]);

  const ready = runningPodStatus({ ...webPod(), status: started }, 'ready', ADDR, T2);
  assert.deepEqual(conditions(ready), [
    ['PodReadyToStartContainers', 'True', undefined, undefined, T1],
    ['Initialized', 'True', undefined, undefined, T1],
    ['Ready', 'True', undefined, undefined, T2],
    ['ContainersReady', 'True', undefined, undefined, T2],
    ['PodScheduled', 'True', undefined, undefined, T0],
  ]);
  assert.deepEqual(ready.containerStatuses?.map((c) => [c.name, c.ready, c.state.running?.startedAt]), [
    ['metrics', true, T1],
    ['web', true, T1],
  ]);
  assert.equal(ready.startTime, T1);
  assert.equal(ready.containerStatuses?.[1]?.containerID, web?.containerID);
});

test('init containers complete before the app; sidecars keep running', () => {
  const p = webPod({
    initContainers: [
      { name: 'migrate', image: 'busybox:1.36' },
      { name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', restartPolicy: 'Always' },
    ],
  });
  const creating = runningPodStatus(p, 'creating', ADDR, T1);
  assert.deepEqual(conditions(creating)[1], ['Initialized', 'False', 'ContainersNotInitialized', 'containers with incomplete status: [migrate proxy]', T1]);
  assert.deepEqual(creating.containerStatuses?.map((c) => c.state.waiting?.reason), ['PodInitializing', 'PodInitializing']);
  const ready = runningPodStatus(p, 'ready', ADDR, T2);
  assert.deepEqual(ready.initContainerStatuses?.map((c) => [c.name, c.ready, c.started, c.state.terminated?.reason ?? 'running']), [
    ['migrate', true, false, 'Completed'],
    ['proxy', true, true, 'running'],
  ]);
  assert.equal(ready.initContainerStatuses?.[0]?.state.terminated?.exitCode, 0);
  assert.equal(conditions(ready)[1]?.[1], 'True');
});

test('readiness gates hold Ready back until their condition is True', () => {
  const p = webPod({ readinessGates: [{ conditionType: 'example.com/lb-ready' }] });
  const s = runningPodStatus(p, 'ready', ADDR, T1);
  const ready = s.conditions?.find((c) => c.type === 'Ready');
  assert.deepEqual([ready?.status, ready?.reason, ready?.message], ['False', 'ReadinessGatesNotReady', 'corresponding condition of pod readiness gate "example.com/lb-ready" does not exist.']);
  const gated = { ...p, status: { ...s, conditions: [{ type: 'example.com/lb-ready', status: 'True' as const }, ...(s.conditions ?? [])] } };
  const s2 = runningPodStatus(gated, 'ready', ADDR, T2);
  assert.equal(s2.conditions?.[0]?.type, 'example.com/lb-ready', 'foreign conditions first, kept');
  assert.equal(s2.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
});

const finishCases: { name: string; restartPolicy: string; fail: boolean; phase: string; exitCode?: number; reason?: string }[] = [
  { name: 'Never, success', restartPolicy: 'Never', fail: false, phase: 'Succeeded', exitCode: 0, reason: 'Completed' },
  { name: 'Never, fail annotation', restartPolicy: 'Never', fail: true, phase: 'Failed', exitCode: 1, reason: 'Error' },
  { name: 'OnFailure, success', restartPolicy: 'OnFailure', fail: false, phase: 'Succeeded', exitCode: 0, reason: 'Completed' },
  { name: 'OnFailure, fail annotation restarts the container', restartPolicy: 'OnFailure', fail: true, phase: 'Running' },
];
for (const c of finishCases) {
  test(`job pod finishes: ${c.name}`, () => {
    const base = webPod({ restartPolicy: c.restartPolicy, containers: [{ name: 'work', image: 'busybox' }] });
    if (c.fail) base.metadata.annotations = { 'sim.kurator.dev/fail': 'true' };
    const running = { ...base, status: runningPodStatus(base, 'ready', ADDR, T1) };
    const s = finishedPodStatus(running, T2);
    assert.equal(s.phase, c.phase);
    const cs = s.containerStatuses![0]!;
    if (c.exitCode !== undefined) {
      assert.deepEqual(cs.state.terminated, { containerID: cs.containerID, exitCode: c.exitCode, finishedAt: T2, reason: c.reason, startedAt: T1 });
      assert.deepEqual([cs.ready, cs.started], [false, false]);
      const reason = c.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
      assert.deepEqual(conditions(s).map((x) => x.slice(0, 3)), [
        ['PodReadyToStartContainers', 'False', undefined],
        ['Initialized', 'True', c.phase === 'Succeeded' ? 'PodCompleted' : undefined],
        ['Ready', 'False', reason],
        ['ContainersReady', 'False', reason],
        ['PodScheduled', 'True', undefined],
      ]);
    } else {
      assert.equal(cs.restartCount, 1);
      assert.equal(cs.state.waiting?.reason, 'CrashLoopBackOff');
      assert.equal(cs.state.waiting?.message, 'back-off 10s restarting failed container=work pod=web-7d9f8c6b5-x2x4k_default(pod-uid-1)');
      assert.deepEqual([cs.lastState.terminated?.exitCode, cs.lastState.terminated?.reason], [1, 'Error']);
      const restarted = runningPodStatus({ ...running, status: s }, 'ready', ADDR, T2);
      assert.equal(restarted.containerStatuses![0]!.restartCount, 1);
    }
  });
}

test('deletion: a pod with a deletionTimestamp is removed unless its node is unreachable', () => {
  const p = webPod();
  assert.deepEqual(deletionDecision(p), { remove: false });
  p.metadata.deletionTimestamp = T2;
  assert.deepEqual(deletionDecision(p), { remove: true, gracePeriodSeconds: 0 });
  assert.deepEqual(deletionDecision(p, false), { remove: false });
});
