// cluster.kurator.dev/v1alpha1 Cluster (self-managed, Cluster API on AWS) and AttachedCluster; Kurator's
// on-premises CustomCluster and CustomMachine, which upstream serves in infrastructure.cluster.x-k8s.io.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { capiCondition, objectReference, taint } from './fragments.js';
import { memberClusterStatus } from './kurator-fleet.js';
import { anyValue, arr, bool, int32, int64, intOrString, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const volume = (): Schema => obj({ type: str(), size: int64({ minimum: 8 }) }, ['size']);

const nodeFields = (): Record<string, Schema> => ({
  replicas: int32(),
  instanceType: str(),
  sshKeyName: str(),
  imageOS: str({ default: 'ubuntu-20.04' }),
  rootVolumeSize: volume(),
  nonRootVolumes: arr(volume()),
  extraArgs: anyValue(),
  labels: stringMap(),
  taints: arr(taint()),
});

const selfManagedClusterSchema = (): Schema =>
  objectSchema({
    spec: obj(
      {
        infraType: oneOf(['aws']),
        credential: obj({ secretRef: str() }, ['secretRef']),
        version: str(),
        region: str(),
        network: obj(
          {
            vpc: obj({ id: str(), name: str(), cidrBlock: str({ default: '10.0.0.0/16' }) }),
            podCIDRs: strings({ default: ['192.168.0.0/16'] }),
            serviceCIDRs: strings({ default: ['10.96.0.0/12'] }),
            cni: obj({ type: str(), extraArgs: anyValue() }, ['type']),
          },
          ['cni', 'vpc'],
        ),
        master: obj(nodeFields(), ['instanceType', 'replicas']),
        workers: arr(
          obj(
            {
              ...nodeFields(),
              strategy: obj({
                type: oneOf(['RollingUpdate', 'OnDelete']),
                rollingUpdate: obj({
                  maxUnavailable: intOrString(),
                  maxSurge: intOrString(),
                  deletePolicy: oneOf(['Random', 'Newest', 'Oldest']),
                }),
              }),
            },
            ['instanceType', 'replicas'],
          ),
        ),
        podIdentity: obj({ enabled: bool() }, ['enabled']),
        additionalResources: arr(obj({ name: str({ minLength: 1 }), kind: oneOf(['ConfigMap', 'Secret']) }, ['kind', 'name'])),
      },
      ['infraType', 'master', 'network', 'region', 'version', 'workers'],
    ),
    status: obj({
      conditions: arr(capiCondition()),
      phase: str(),
      apiEndpoint: str(),
      kubeconfig: obj({ name: str(), key: str() }),
      serviceAccountIssuer: str(),
    }),
  });

const attachedClusterSchema = (): Schema =>
  objectSchema({
    spec: obj(
      {
        kubeconfig: obj({ name: str(), key: str({ default: 'value' }) }, ['key', 'name'], {
          description: 'The Secret (in the AttachedCluster namespace) holding the kubeconfig of the cluster.',
        }),
      },
      ['kubeconfig'],
    ),
    status: obj(memberClusterStatus({ ready: bool(), accepted: bool() })),
  });

const machine = (): Schema =>
  obj(
    {
      hostName: str(),
      privateIP: str(),
      publicIP: str(),
      region: str(),
      zone: str(),
      sshKey: objectReference(),
      labels: stringMap(),
    },
    ['hostName', 'privateIP', 'publicIP'],
  );

const customClusterSchema = (): Schema =>
  objectSchema({
    spec: obj({
      machineRef: objectReference(),
      cni: obj(
        { type: oneOf(['calico', 'canal', 'cilium', 'flannel', 'kube-ovn', 'kube-router', 'macvlan', 'weave']) },
        ['type'],
      ),
      controlPlaneConfig: obj({ address: str(), certSANs: strings(), loadBalancerDomainName: str() }),
    }),
    status: obj({
      phase: oneOf(['Pending', 'Provisioning', 'Provisioned', 'Deleting', 'ProvisionFailed', 'Unknown', 'ScalingUp', 'ScalingDown', 'Upgrading']),
      conditions: arr(capiCondition()),
      apiEndpoint: str(),
      kubeconfigSecretRef: str(),
    }),
  });

const customMachineSchema = (): Schema =>
  objectSchema({
    spec: obj({ master: arr(machine()), node: arr(machine()) }),
    status: obj({ ready: bool() }),
  });

export const kuratorClusterCrds = (): KubeObject[] => [
  defineCrd({
    group: 'cluster.kurator.dev',
    kind: 'Cluster',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: selfManagedClusterSchema(),
        columns: [
          { name: 'INFRATYPE', type: 'string', jsonPath: '.spec.infraType', description: 'Infra type of the cluster' },
          { name: 'VERSION', type: 'string', jsonPath: '.spec.version', description: 'Kubernetes version of the cluster' },
          { name: 'PHASE', type: 'string', jsonPath: '.status.phase', description: 'Phase of the cluster' },
          ageColumn(),
        ],
      },
    ],
  }),
  defineCrd({
    group: 'cluster.kurator.dev',
    kind: 'AttachedCluster',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: attachedClusterSchema(),
        columns: [
          { name: 'READY', type: 'boolean', jsonPath: '.status.ready' },
          { name: 'VERSION', type: 'string', jsonPath: '.status.kubernetesVersion' },
          ageColumn(),
        ],
      },
    ],
  }),
  defineCrd({
    group: 'infrastructure.cluster.x-k8s.io',
    kind: 'CustomCluster',
    scope: 'Namespaced',
    shortNames: ['cc'],
    categories: KURATOR_CATEGORIES,
    versions: [
      { name: 'v1alpha1', schema: customClusterSchema(), columns: [{ name: 'PHASE', type: 'string', jsonPath: '.status.phase' }, ageColumn()] },
    ],
  }),
  defineCrd({
    group: 'infrastructure.cluster.x-k8s.io',
    kind: 'CustomMachine',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      { name: 'v1alpha1', schema: customMachineSchema(), columns: [{ name: 'READY', type: 'boolean', jsonPath: '.status.ready' }, ageColumn()] },
    ],
  }),
];
