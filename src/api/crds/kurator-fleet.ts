// fleet.kurator.dev/v1alpha1: Fleet (upstream plus the seed's edge and batch plugins) and the seed's Cluster.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { conditions, objectReference, resourceList, taint } from './fragments.js';
import { anyValue, arr, bool, freeObject, int32, mapOf, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const chart = (): Schema => obj({ repository: str(), name: str(), version: str() });
const extraArgs = (): Schema => anyValue({ description: 'Extra Helm values merged into the chart values.' });
const component = (fields: Record<string, Schema> = {}, required?: string[]): Schema =>
  obj({ chart: chart(), extraArgs: extraArgs(), ...fields }, required);
const exporter = (): Schema => obj({ enabled: bool() });

const daemonPlacement = (maximum: number): Schema =>
  obj({
    count: int32({ minimum: 1, maximum }),
    annotations: stringMap({ nullable: true }),
    labels: stringMap({ nullable: true }),
    placement: freeObject({ nullable: true, description: 'Rook placement: affinity, node selector, tolerations.' }),
  });

const plugin = (): Schema =>
  obj({
    metric: obj({
      thanos: component({ objectStoreConfig: obj({ secretName: str() }, ['secretName']) }, ['objectStoreConfig']),
      prometheus: component({ nodeExporter: exporter(), kubeStateMetrics: exporter() }),
    }),
    grafana: component(),
    policy: obj({
      kyverno: component({
        podSecurity: obj({
          standard: oneOf(['privileged', 'baseline', 'restricted'], { default: 'baseline' }),
          severity: oneOf(['low', 'medium', 'high'], { default: 'medium' }),
          validationFailureAction: oneOf(['Enforce', 'Audit'], { default: 'Audit' }),
        }),
      }),
    }),
    backup: component(
      {
        storage: obj(
          {
            location: obj(
              { bucket: str(), provider: str(), endpoint: str(), region: str(), config: stringMap() },
              ['bucket', 'endpoint', 'provider'],
            ),
            secretName: str(),
          },
          ['location', 'secretName'],
        ),
      },
      ['storage'],
    ),
    distributedStorage: component(
      {
        storage: obj({
          dataDirHostPath: str({ pattern: '^/(\\S+)' }),
          monitor: daemonPlacement(9),
          manager: daemonPlacement(2),
          storage: obj(
            {
              useAllNodes: bool(),
              useAllDevices: bool(),
              deviceFilter: str(),
              devicePathFilter: str(),
              config: stringMap(),
              devices: arr(obj({ name: str(), fullpath: str(), config: stringMap() })),
              nodes: arr(
                obj({
                  name: str(),
                  config: stringMap(),
                  useAllDevices: bool(),
                  deviceFilter: str(),
                  devicePathFilter: str(),
                  devices: arr(obj({ name: str(), fullpath: str(), config: stringMap() })),
                }),
              ),
            },
            undefined,
            { nullable: true },
          ),
        }),
      },
      ['storage'],
    ),
    flagger: component({
      publicTestloader: bool(),
      trafficRoutingProvider: oneOf(['istio', 'kuma', 'nginx']),
      config: component(),
    }),
    submariner: component(
      {
        brokerCluster: str(),
        clusterCidrs: stringMap(),
        serviceCidrs: stringMap(),
        globalcidrs: stringMap(),
      },
      ['clusterCidrs', 'serviceCidrs'],
    ),
    edge: obj(
      {
        kubeEdge: component({
          enabled: bool(),
          advertiseAddress: strings(),
          tunnel: obj({ mode: oneOf(['websocket', 'quic']) }),
        }),
      },
      undefined,
      { description: 'Seed extension: KubeEdge on the fleet clusters (edge nodes, offline autonomy, device twins).' },
    ),
    batch: obj(
      { volcano: component({ enabled: bool() }) },
      undefined,
      { description: 'Seed extension: Volcano batch scheduling on the fleet clusters.' },
    ),
  });

const fleetSchema = (): Schema =>
  objectSchema({
    spec: obj({
      clusters: arr(objectReference()),
      plugin: plugin(),
    }),
    status: obj({
      phase: str(),
      reason: str(),
      credentialSecret: str(),
      readyClusters: int32(),
      unReadyClusters: int32(),
      pluginEndpoints: mapOf(strings()),
      observedGeneration: { type: 'integer', format: 'int64' },
      clusters: arr(obj({ name: str(), kind: str(), ready: bool(), reason: str() }, ['name'])),
      conditions: conditions(),
    }),
  });

/** Status a cluster controller reports for any member cluster (seed Cluster, AttachedCluster). */
export const memberClusterStatus = (extra: Record<string, Schema> = {}): Record<string, Schema> => ({
  conditions: conditions(),
  kubernetesVersion: str(),
  apiEnablements: arr(obj({ groupVersion: str(), resources: arr(obj({ name: str(), kind: str() }, ['kind', 'name'])) }, ['groupVersion'])),
  nodeSummary: obj({ totalNum: int32(), readyNum: int32() }),
  resourceSummary: obj({ allocatable: resourceList(), allocating: resourceList(), allocated: resourceList(), available: resourceList() }),
  region: str({ description: 'Region of the cluster, from its nodes\' topology.kubernetes.io/region label.' }),
  zones: strings(),
  provider: str(),
  taints: arr(taint(), { description: 'Taints the cluster controller sets: cluster.karmada.io/not-ready and cluster.karmada.io/unreachable.' }),
  observedGeneration: { type: 'integer', format: 'int64' },
  ...extra,
});

const seedClusterSchema = (): Schema =>
  objectSchema({
    spec: obj({
      kubeconfigSecretRef: obj({ name: str(), key: str({ default: 'kubeconfig' }), namespace: str() }, ['name']),
      clusterType: str({ description: 'Kind of cluster, e.g. Kubernetes or KubeEdge.' }),
      apiEndpoint: str(),
      syncMode: oneOf(['Push', 'Pull'], { default: 'Push' }),
      provider: str(),
      region: str(),
      zone: str(),
      zones: strings(),
      taints: arr(taint()),
      maintenance: obj({
        enabled: bool(),
        reason: str(),
        schedule: str({ description: 'When maintenance starts (RFC 3339 time).' }),
      }),
    }),
    status: obj(memberClusterStatus({ phase: str() })),
  });

export const kuratorFleetCrds = (): KubeObject[] => [
  defineCrd({
    group: 'fleet.kurator.dev',
    kind: 'Fleet',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: fleetSchema(),
        columns: [
          { name: 'PHASE', type: 'string', jsonPath: '.status.phase', description: 'Phase of the fleet' },
          { name: 'READY', type: 'integer', jsonPath: '.status.readyClusters', description: 'Ready clusters' },
          { name: 'UNREADY', type: 'integer', jsonPath: '.status.unReadyClusters', priority: 1 },
          ageColumn(),
        ],
      },
    ],
  }),
  defineCrd({
    group: 'fleet.kurator.dev',
    kind: 'Cluster',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: seedClusterSchema(),
        columns: [
          { name: 'READY', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'VERSION', type: 'string', jsonPath: '.status.kubernetesVersion' },
          { name: 'MODE', type: 'string', jsonPath: '.spec.syncMode' },
          { name: 'MAINTENANCE', type: 'string', jsonPath: '.status.conditions[?(@.type=="Maintenance")].status', description: 'Whether maintenance mode is in effect' },
          ageColumn(),
        ],
      },
    ],
  }),
];
