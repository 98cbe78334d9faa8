import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import type { KindDefinition } from '../types.js';
import { builtinKinds } from './index.js';
import { summarizePod } from './pod-columns.js';
import { jobDuration } from './job.js';

const CREATED = '2024-05-01T10:00:00Z';

function definition(group: string, kind: string): KindDefinition {
  const found = builtinKinds.find((d) => d.group === group && d.kind === kind);
  assert.ok(found, `${group}/${kind}`);
  return found;
}

/** Computed cells by column name (the Age column is a JSONPath the server evaluates). */
function cells(group: string, kind: string, object: Omit<KubeObject, 'metadata'> & { metadata?: KubeObject['metadata'] }) {
  const full: KubeObject = { ...object, metadata: { name: 'x', creationTimestamp: CREATED, ...object.metadata } };
  const row: Record<string, unknown> = {};
  for (const column of definition(group, kind).versions[0]!.printerColumns ?? []) {
    if (column.value) row[column.name] = column.value(full);
  }
  return row;
}

const running = { running: { startedAt: CREATED } };

test('pod: a running pod with one of two containers ready and three restarts', () => {
  const row = cells('', 'Pod', {
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'envoy' }] },
    status: {
      phase: 'Running',
      podIP: '10.244.0.7',
      podIPs: [{ ip: '10.244.0.7' }],
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 1, state: running },
        { name: 'sidecar', ready: false, restartCount: 2, state: running },
      ],
    },
  });
  assert.deepEqual(row, {
    Ready: '1/2',
    Status: 'Running',
    Restarts: '3',
    IP: '10.244.0.7',
    Node: 'node-1',
    'Nominated Node': '<none>',
    'Readiness Gates': '<none>',
  });
});

test('pod: status reasons follow the kubectl pod printer', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  const crashLooping: KubeObject = {
    metadata: { name: 'crash' },
    spec: { containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T11:55:00Z' } },
        },
      ],
    },
  };
  assert.deepEqual(summarizePod(crashLooping, now), { ready: '0/1', status: 'CrashLoopBackOff', restarts: '4 (5m ago)' });

  const initializing: KubeObject = {
    metadata: { name: 'init' },
    spec: { initContainers: [{ name: 'migrate' }, { name: 'seed' }], containers: [{ name: 'app' }] },
    status: {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'migrate', ready: false, restartCount: 0, state: running },
        { name: 'seed', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
      ],
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    },
  };
  assert.equal(summarizePod(initializing, now).status, 'Init:0/2');

  const initFailed: KubeObject = {
    ...initializing,
    status: {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'migrate', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    },
  };
  assert.deepEqual(summarizePod(initFailed, now), { ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '2' });

  const completed: KubeObject = {
    metadata: { name: 'done' },
    spec: { containers: [{ name: 'job' }] },
    status: {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'job', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    },
  };
  assert.deepEqual(summarizePod(completed, now), { ready: '0/1', status: 'Completed', restarts: '0' });

  const killed: KubeObject = {
    ...completed,
    status: { phase: 'Failed', containerStatuses: [{ name: 'job', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] },
  };
  assert.equal(summarizePod(killed, now).status, 'Signal:9');

  const terminating: KubeObject = {
    metadata: { name: 'bye', deletionTimestamp: '2024-05-01T11:59:00Z' },
    spec: { containers: [{ name: 'app' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] },
  };
  assert.deepEqual(summarizePod(terminating, now), { ready: '1/1', status: 'Terminating', restarts: '0' });

  const gated: KubeObject = {
    metadata: { name: 'gated' },
    spec: { containers: [{ name: 'app' }], schedulingGates: [{ name: 'example.com/quota' }] },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
  };
  assert.equal(summarizePod(gated, now).status, 'SchedulingGated');

  const withSidecar: KubeObject = {
    metadata: { name: 'mesh' },
    spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [{ name: 'proxy', ready: true, started: true, restartCount: 1, state: running }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
    },
  };
  assert.deepEqual(summarizePod(withSidecar, now), { ready: '2/2', status: 'Running', restarts: '1' });
});

test('pod: readiness gates count satisfied conditions', () => {
  const row = cells('', 'Pod', {
    spec: { containers: [{ name: 'app' }], readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
    status: { phase: 'Running', conditions: [{ type: 'example.com/lb', status: 'True' }, { type: 'example.com/dns', status: 'False' }] },
  });
  assert.equal(row['Readiness Gates'], '1/2');
});

test('deployment, replica set, stateful set and daemon set counts', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] },
  };
  const selector = { matchLabels: { app: 'web' } };
  assert.deepEqual(
    cells('apps', 'Deployment', {
      spec: { replicas: 3, selector, template },
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
    }),
    { Ready: '2/3', 'Up-to-date': 3, Available: 2, Containers: 'nginx,log', Images: 'nginx:1.27,busybox', Selector: 'app=web' },
  );
  assert.deepEqual(
    cells('apps', 'ReplicaSet', { spec: { replicas: 3, selector, template }, status: { replicas: 3, readyReplicas: 1 } }),
    { Desired: 3, Current: 3, Ready: 1, Containers: 'nginx,log', Images: 'nginx:1.27,busybox', Selector: 'app=web' },
  );
  assert.deepEqual(cells('apps', 'StatefulSet', { spec: { replicas: 3, selector, template }, status: { readyReplicas: 2 } }), {
    Ready: '2/3',
    Containers: 'nginx,log',
    Images: 'nginx:1.27,busybox',
  });
  assert.deepEqual(
    cells('apps', 'DaemonSet', {
      spec: { selector, template },
      status: { desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 3, updatedNumberScheduled: 4, numberAvailable: 3 },
    }),
    {
      Desired: 4,
      Current: 4,
      Ready: 3,
      'Up-to-date': 4,
      Available: 3,
      'Node Selector': 'kubernetes.io/os=linux',
      Containers: 'nginx,log',
      Images: 'nginx:1.27,busybox',
      Selector: 'app=web',
    },
  );
  assert.deepEqual(
    cells('apps', 'ControllerRevision', {
      metadata: {
        name: 'fluentd-5d4f',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'u1', controller: true }],
      },
      revision: 2,
    }),
    { Controller: 'daemonset.apps/fluentd', Revision: 2 },
  );
});

test('service: type, cluster IP, external IP and ports', () => {
  assert.deepEqual(
    cells('', 'Service', {
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        selector: { app: 'web' },
        ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }],
      },
    }),
    { Type: 'ClusterIP', 'Cluster-IP': '10.96.0.10', 'External-IP': '<none>', 'Port(s)': '80/TCP,443/TCP', Selector: 'app=web' },
  );
  const nodePort = cells('', 'Service', {
    spec: { type: 'NodePort', clusterIPs: ['10.96.3.4'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
  });
  assert.equal(nodePort['Port(s)'], '80:30080/TCP,53/UDP');
  assert.equal(nodePort.Selector, '<none>');
  const pending = cells('', 'Service', { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.3.5'], ports: [{ port: 80, protocol: 'TCP' }] } });
  assert.equal(pending['External-IP'], '<pending>');
  const balanced = cells('', 'Service', {
    spec: { type: 'LoadBalancer', clusterIPs: ['10.96.3.5'], ports: [] },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
  });
  assert.deepEqual([balanced['External-IP'], balanced['Port(s)']], ['203.0.113.9', '<none>']);
  const external = cells('', 'Service', { spec: { type: 'ExternalName', externalName: 'db.example.com' } });
  assert.deepEqual([external['Cluster-IP'], external['External-IP']], ['<none>', 'db.example.com']);
});

test('endpoints list up to three addresses', () => {
  const row = cells('', 'Endpoints', {
    subsets: [
      { addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 8080 }] },
      { addresses: [{ ip: '10.0.0.3' }, { ip: 'fd00::4' }], ports: [{ port: 8080 }] },
    ],
  });
  assert.equal(row.Endpoints, '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...');
  assert.equal(cells('', 'Endpoints', {}).Endpoints, '<none>');
  assert.equal(cells('', 'Endpoints', { subsets: [{ addresses: [{ ip: 'fd00::4' }], ports: [{ port: 80 }] }] }).Endpoints, '[fd00::4]:80');
});

test('namespace, config map, secret, service account and lease', () => {
  assert.deepEqual(cells('', 'Namespace', { status: { phase: 'Active' } }), { Status: 'Active' });
  assert.deepEqual(cells('', 'ConfigMap', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), { Data: 3 });
  assert.deepEqual(cells('', 'Secret', { type: 'Opaque', data: { user: 'YQ==', pass: 'Yg==' } }), { Type: 'Opaque', Data: 2 });
  assert.deepEqual(cells('', 'ServiceAccount', { secrets: [{ name: 'token' }] }), { Secrets: 1 });
  assert.deepEqual(cells('coordination.k8s.io', 'Lease', { spec: { holderIdentity: 'hub-0_1234' } }), { Holder: 'hub-0_1234' });
  assert.deepEqual(cells('coordination.k8s.io', 'Lease', { spec: {} }), { Holder: '' });
});

test('node: readiness, roles, version and addresses', () => {
  const row = cells('', 'Node', {
    metadata: { name: 'cp-1', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' } },
    spec: { unschedulable: true },
    status: {
      conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
      addresses: [{ type: 'Hostname', address: 'cp-1' }, { type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7.13' },
    },
  });
  assert.deepEqual(row, {
    Status: 'Ready,SchedulingDisabled',
    Roles: 'control-plane,master',
    Version: 'v1.32.0',
    'Internal-IP': '172.18.0.2',
    'External-IP': '<none>',
    'OS-Image': 'Debian GNU/Linux 12',
    'Kernel-Version': '6.1.0',
    'Container-Runtime': 'containerd://1.7.13',
  });
  const bare = cells('', 'Node', { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } });
  assert.deepEqual([bare.Status, bare.Roles, bare['OS-Image']], ['NotReady', '<none>', '<unknown>']);
  assert.equal(cells('', 'Node', {}).Status, 'Unknown');
});

test('events of both APIs print LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', () => {
  const core = cells('', 'Event', {
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', fieldPath: 'spec.containers{app}' },
    reason: 'Pulled',
    message: ' Successfully pulled image "nginx"\n',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2024-05-01T10:00:00Z',
    lastTimestamp: '2024-05-01T10:05:00Z',
    count: 2,
  });
  assert.deepEqual(core, {
    'Last Seen': '2024-05-01T10:05:00Z',
    Type: 'Normal',
    Reason: 'Pulled',
    Object: 'pod/web-1',
    Subobject: 'spec.containers{app}',
    Source: 'kubelet, node-1',
    Message: 'Successfully pulled image "nginx"',
    'First Seen': '2024-05-01T10:00:00Z',
    Count: 2,
  });
  const modern = cells('events.k8s.io', 'Event', {
    eventTime: '2024-05-01T10:00:00.123456Z',
    regarding: { kind: 'Deployment', name: 'web' },
    reason: 'ScalingReplicaSet',
    note: 'Scaled up replica set web-7d4 to 3',
    type: 'Normal',
    reportingController: 'deployment-controller',
  });
  assert.deepEqual(modern, {
    'Last Seen': '2024-05-01T10:00:00.123456Z',
    Type: 'Normal',
    Reason: 'ScalingReplicaSet',
    Object: 'deployment/web',
    Subobject: '',
    Source: 'deployment-controller',
    Message: 'Scaled up replica set web-7d4 to 3',
    'First Seen': '2024-05-01T10:00:00.123456Z',
    Count: 1,
  });
  const series = cells('', 'Event', {
    involvedObject: { kind: 'Node' },
    eventTime: '2024-05-01T10:00:00.000000Z',
    series: { count: 7, lastObservedTime: '2024-05-01T10:30:00.000000Z' },
  });
  assert.deepEqual([series['Last Seen'], series.Count, series.Object], ['2024-05-01T10:30:00.000000Z', 7, 'node']);
});

test('job status, completions and duration', () => {
  const template = { spec: { containers: [{ name: 'pi', image: 'perl' }] } };
  const complete = cells('batch', 'Job', {
    spec: { completions: 3, parallelism: 1, template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } } },
    status: {
      succeeded: 3,
      startTime: '2024-05-01T10:00:00Z',
      completionTime: '2024-05-01T10:01:30Z',
      conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }],
    },
  });
  assert.deepEqual(complete, {
    Status: 'Complete',
    Completions: '3/3',
    Duration: '90s',
    Containers: 'pi',
    Images: 'perl',
    Selector: 'batch.kubernetes.io/controller-uid=u1',
  });
  const queue = cells('batch', 'Job', { spec: { parallelism: 4, template }, status: { succeeded: 1 } });
  assert.deepEqual([queue.Status, queue.Completions, queue.Duration], ['Running', '1/1 of 4', '']);
  const failed = cells('batch', 'Job', { spec: { completions: 1, template }, status: { conditions: [{ type: 'Failed', status: 'True' }] } });
  assert.deepEqual([failed.Status, failed.Completions], ['Failed', '0/1']);
  const suspended = cells('batch', 'Job', { spec: { template }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } });
  assert.equal(suspended.Status, 'Suspended');
  const now = Date.parse('2024-05-01T10:10:00Z');
  assert.equal(jobDuration({ metadata: {}, status: { startTime: '2024-05-01T10:00:00Z' } }, now), '10m');
});

test('cron job schedule, suspend and last schedule', () => {
  const row = cells('batch', 'CronJob', {
    spec: {
      schedule: '*/5 * * * *',
      suspend: false,
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } },
    },
    status: { active: [{ kind: 'Job', name: 'hello-1' }] },
  });
  assert.deepEqual(row, {
    Schedule: '*/5 * * * *',
    Timezone: '<none>',
    Suspend: 'False',
    Active: 1,
    'Last Schedule': '<none>',
    Containers: 'hello',
    Images: 'busybox',
    Selector: '<none>',
  });
  const recent = new Date(Date.now() - 125_000).toISOString();
  const scheduled = cells('batch', 'CronJob', { spec: { schedule: '@hourly', timeZone: 'Etc/UTC' }, status: { lastScheduleTime: recent } });
  assert.deepEqual([scheduled.Timezone, scheduled.Suspend, scheduled['Last Schedule']], ['Etc/UTC', '<unset>', '2m5s']);
});

test('horizontal pod autoscaler targets', () => {
  const row = cells('autoscaling', 'HorizontalPodAutoscaler', {
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    },
    status: { currentReplicas: 2, desiredReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40 } } }] },
  });
  assert.deepEqual(row, { Reference: 'Deployment/web', Targets: 'cpu: 40%/80%', MinPods: '1', MaxPods: 10, Replicas: 2 });
  const many = cells('autoscaling', 'HorizontalPodAutoscaler', {
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      maxReplicas: 5,
      metrics: [
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
        { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } },
        { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } },
      ],
    },
  });
  assert.deepEqual([many.Targets, many.MinPods, many.Replicas], ['memory: <unknown>/500Mi, <unknown>/100 + 1 more...', '<unset>', 0]);
  const none = cells('autoscaling', 'HorizontalPodAutoscaler', { spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'db' }, maxReplicas: 3 } });
  assert.equal(none.Targets, '<none>');
});

test('ingress, network policy and storage class', () => {
  assert.deepEqual(
    cells('networking.k8s.io', 'Ingress', {
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: [{ host: 'shop.example.com' }, { host: 'api.example.com' }, {}],
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
    }),
    { Class: 'nginx', Hosts: 'shop.example.com,api.example.com', Address: '203.0.113.10', Ports: '80, 443' },
  );
  assert.deepEqual(cells('networking.k8s.io', 'Ingress', { spec: { rules: [{}] } }), { Class: '<none>', Hosts: '*', Address: '', Ports: '80' });
  assert.deepEqual(cells('networking.k8s.io', 'NetworkPolicy', { spec: { podSelector: { matchLabels: { app: 'db' } } } }), { 'Pod-Selector': 'app=db' });
  assert.deepEqual(cells('networking.k8s.io', 'NetworkPolicy', { spec: { podSelector: {} } }), { 'Pod-Selector': '<none>' });
  assert.deepEqual(cells('storage.k8s.io', 'StorageClass', { provisioner: 'rancher.io/local-path', allowVolumeExpansion: true }), {
    Provisioner: 'rancher.io/local-path',
    ReclaimPolicy: 'Delete',
    VolumeBindingMode: 'Immediate',
    AllowVolumeExpansion: true,
  });
});

test('persistent volumes and claims', () => {
  assert.deepEqual(
    cells('', 'PersistentVolume', {
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'default', name: 'data' },
        storageClassName: 'standard',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    }),
    {
      Capacity: '10Gi',
      'Access Modes': 'RWO',
      'Reclaim Policy': 'Retain',
      Status: 'Bound',
      Claim: 'default/data',
      StorageClass: 'standard',
      VolumeAttributesClass: '<unset>',
      Reason: '',
      VolumeMode: 'Filesystem',
    },
  );
  assert.deepEqual(
    cells('', 'PersistentVolumeClaim', {
      metadata: { name: 'data', deletionTimestamp: '2024-05-01T11:00:00Z' },
      spec: { volumeName: 'pv-1', storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
      status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] },
    }),
    {
      Status: 'Terminating',
      Volume: 'pv-1',
      Capacity: '10Gi',
      'Access Modes': 'RWO,ROX',
      StorageClass: 'standard',
      VolumeAttributesClass: '<unset>',
      VolumeMode: '<unset>',
    },
  );
  const pending = cells('', 'PersistentVolumeClaim', {
    metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } },
    spec: { storageClassName: 'standard' },
    status: { phase: 'Pending' },
  });
  assert.deepEqual([pending.Status, pending.Capacity, pending['Access Modes'], pending.StorageClass], ['Pending', '', '', 'legacy']);
});

test('resource quota and the default CREATED AT table', () => {
  assert.deepEqual(
    cells('', 'ResourceQuota', {
      status: {
        hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '2Gi', 'limits.cpu': '4' },
        used: { pods: '3', 'requests.cpu': '500m', 'limits.memory': '1Gi' },
      },
    }),
    { Request: 'pods: 3/10, requests.cpu: 500m/2', Limit: 'limits.cpu: 0/4, limits.memory: 1Gi/2Gi' },
  );
  // A resource named like an Object member, not in used, counts as 0 used.
  assert.deepEqual(cells('', 'ResourceQuota', { status: { hard: { constructor: '1', toString: '2' }, used: {} } }), { Request: 'constructor: 0/1, toString: 0/2', Limit: '' });
  assert.deepEqual(cells('', 'LimitRange', { spec: { limits: [] } }), { 'Created At': CREATED });
  assert.deepEqual(cells('apiextensions.k8s.io', 'CustomResourceDefinition', {}), { 'Created At': CREATED });
});

test('field selectors read the values upstream indexes', () => {
  const select = (group: string, kind: string, field: string, object: Omit<KubeObject, 'metadata'>) =>
    definition(group, kind).fieldSelectors![field]!({ metadata: { name: 'x' }, ...object });
  const pod = {
    spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', hostNetwork: true },
    status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.9' }, { ip: 'fd00::9' }], nominatedNodeName: 'node-2' },
  };
  assert.equal(select('', 'Pod', 'spec.nodeName', pod), 'node-1');
  assert.equal(select('', 'Pod', 'spec.host', pod), 'node-1');
  assert.equal(select('', 'Pod', 'spec.hostNetwork', pod), 'true');
  assert.equal(select('', 'Pod', 'spec.hostNetwork', { spec: {} }), 'false');
  assert.equal(select('', 'Pod', 'status.podIP', pod), '10.0.0.9');
  assert.equal(select('', 'Pod', 'status.phase', pod), 'Running');
  assert.equal(select('', 'Pod', 'spec.nodeName', { spec: {} }), '', 'unscheduled pods match spec.nodeName=');
  assert.equal(select('', 'Node', 'spec.unschedulable', { spec: {} }), 'false');
  assert.equal(select('', 'Node', 'spec.unschedulable', { spec: { unschedulable: true } }), 'true');
  assert.equal(select('', 'Secret', 'type', { type: 'kubernetes.io/tls' }), 'kubernetes.io/tls');
  assert.equal(select('', 'Namespace', 'status.phase', { status: { phase: 'Terminating' } }), 'Terminating');
  assert.equal(select('apps', 'ReplicaSet', 'status.replicas', {}), '0');
  assert.equal(select('apps', 'ReplicaSet', 'status.replicas', { status: { replicas: 2 } }), '2');
  assert.equal(select('batch', 'Job', 'status.successful', { status: { succeeded: 2 } }), '2');
  assert.equal(select('', 'Service', 'spec.type', { spec: { type: 'NodePort' } }), 'NodePort');
  const event = { involvedObject: { kind: 'Pod', uid: 'u1' }, reportingComponent: 'kubelet', type: 'Warning' };
  assert.equal(select('', 'Event', 'involvedObject.uid', event), 'u1');
  assert.equal(select('', 'Event', 'source', event), 'kubelet', 'source falls back to the reporting controller');
  assert.equal(select('', 'Event', 'source', { ...event, source: { component: 'scheduler' } }), 'scheduler');
  assert.equal(select('events.k8s.io', 'Event', 'regarding.kind', { regarding: { kind: 'Node' } }), 'Node');
  assert.equal(select('events.k8s.io', 'Event', 'reportingController', { reportingController: 'c' }), 'c');
});
