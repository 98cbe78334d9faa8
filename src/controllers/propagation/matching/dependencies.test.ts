import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { dependenciesOf, type DependentRef } from './dependencies.js';
import { corpusDocument, corpusSkip } from './test-corpus.js';

const podSpec = {
  serviceAccountName: 'web-sa',
  imagePullSecrets: [{ name: 'registry-creds' }, { name: '' }],
  initContainers: [{ name: 'init', image: 'busybox', envFrom: [{ configMapRef: { name: 'init-config' } }] }],
  containers: [
    {
      name: 'app',
      image: 'nginx',
      envFrom: [{ configMapRef: { name: 'app-config' } }, { secretRef: { name: 'app-secret' } }],
      env: [
        { name: 'A', value: 'plain' },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'b' } } },
        { name: 'C', valueFrom: { secretKeyRef: { name: 'db-password', key: 'pw' } } },
        { name: 'D', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
    },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox', env: [{ name: 'E', valueFrom: { secretKeyRef: { name: 'debug-token', key: 't' } } }] }],
  volumes: [
    { name: 'cfg', configMap: { name: 'files' } },
    { name: 'tls', secret: { secretName: 'tls-cert' } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
    { name: 'scratch', emptyDir: {} },
    { name: 'bundle', projected: { sources: [{ configMap: { name: 'bundle-config' } }, { secret: { name: 'bundle-secret' } }, { serviceAccountToken: { path: 't' } }] } },
    { name: 'csi', csi: { driver: 'x', nodePublishSecretRef: { name: 'csi-secret' } } },
    { name: 'ceph', cephfs: { monitors: ['m'], secretRef: { name: 'ceph-secret' } } },
    { name: 'azure', azureFile: { secretName: 'azure-secret', shareName: 's' } },
  ],
};

const expected = (namespace: string): DependentRef[] => [
  ...['app-config', 'bundle-config', 'files', 'init-config'].map((name) => ({ apiVersion: 'v1' as const, kind: 'ConfigMap' as const, namespace, name })),
  ...['app-secret', 'azure-secret', 'bundle-secret', 'ceph-secret', 'csi-secret', 'db-password', 'debug-token', 'registry-creds', 'tls-cert'].map((name) => ({
    apiVersion: 'v1' as const,
    kind: 'Secret' as const,
    namespace,
    name,
  })),
  { apiVersion: 'v1', kind: 'ServiceAccount', namespace, name: 'web-sa' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name: 'data-claim' },
];

const workloads: { name: string; object: KubeObject }[] = [
  { name: 'Pod', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: podSpec } },
  { name: 'Deployment', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'shop' }, spec: { template: { spec: podSpec } } } },
  { name: 'ReplicaSet', object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r', namespace: 'shop' }, spec: { template: { spec: podSpec } } } },
  { name: 'StatefulSet', object: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's', namespace: 'shop' }, spec: { template: { spec: podSpec } } } },
  { name: 'DaemonSet', object: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds', namespace: 'shop' }, spec: { template: { spec: podSpec } } } },
  { name: 'Job', object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'shop' }, spec: { template: { spec: podSpec } } } },
  { name: 'CronJob', object: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'shop' }, spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } } },
];

for (const w of workloads) {
  test(`dependenciesOf: every reference of a ${w.name}`, () => assert.deepEqual(dependenciesOf(w.object), expected('shop')));
}

const edge: { name: string; object: KubeObject; want: DependentRef[] }[] = [
  {
    name: 'the default ServiceAccount is not a dependency',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' }, spec: { serviceAccountName: 'default', containers: [{ name: 'c' }] } },
    want: [],
  },
  { name: 'a Deployment without a template', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'a' }, spec: {} }, want: [] },
  { name: 'a kind without pods', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a' }, data: { x: 'y' } }, want: [] },
  {
    name: 'names appear once',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'a' },
      spec: { containers: [{ name: 'a', envFrom: [{ secretRef: { name: 's' } }] }, { name: 'b', envFrom: [{ secretRef: { name: 's' } }] }], volumes: [{ name: 'v', secret: { secretName: 's' } }] },
    },
    want: [{ apiVersion: 'v1', kind: 'Secret', namespace: 'a', name: 's' }],
  },
  {
    name: 'Ingress TLS secrets',
    object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'web' }, spec: { tls: [{ secretName: 'site-tls' }, { hosts: ['x'] }] } },
    want: [{ apiVersion: 'v1', kind: 'Secret', namespace: 'web', name: 'site-tls' }],
  },
];

for (const c of edge) {
  test(`dependenciesOf: ${c.name}`, () => assert.deepEqual(dependenciesOf(c.object), c.want));
}

test('the karmada nginx sample Deployment needs nothing else', { skip: corpusSkip() }, () => {
  assert.deepEqual(dependenciesOf(corpusDocument('karmada/nginx/deployment.yaml', 'Deployment')), []);
});
