// core/v1 Node.

import type { KubeObject } from '../../machinery/object.js';
import { statusCondition } from '../../machinery/conditions.js';
import { conditionList, condition } from './meta.js';
import {
  boolean, int32, int64, list, mapList, object, patchMerge, quantityMap, setList, string, stringList,
} from './schema-builders.js';
import { taint } from './scheduling.js';
import { AGE_COLUMN, arrayAt, at, selectorValue, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

const configMapNodeConfigSource = object(
  { namespace: string(), name: string(), uid: string(), resourceVersion: string(), kubeletConfigKey: string() },
  { required: ['namespace', 'name', 'kubeletConfigKey'] },
);

const nodeConfigSource = object({ configMap: configMapNodeConfigSource });

const nodeSpec = object(
  {
    podCIDR: string(),
    podCIDRs: setList(string(), patchMerge(undefined)),
    providerID: string(),
    unschedulable: boolean({ description: 'When true, no new pods are scheduled onto the node (cordon).' }),
    taints: list(taint, { description: 'Taints that repel pods without a matching toleration.' }),
    configSource: nodeConfigSource,
    externalID: string(),
  },
  { description: 'Desired configuration of the node: pod CIDRs, taints, schedulability.' },
);

const nodeSystemInfo = object(
  {
    machineID: string(),
    systemUUID: string(),
    bootID: string(),
    kernelVersion: string(),
    osImage: string(),
    containerRuntimeVersion: string(),
    kubeletVersion: string(),
    kubeProxyVersion: string(),
    operatingSystem: string(),
    architecture: string(),
    swap: object({ capacity: int64() }),
  },
);

const nodeStatus = object(
  {
    capacity: quantityMap(),
    allocatable: quantityMap(),
    phase: string(),
    conditions: conditionList(condition(['lastHeartbeatTime', 'lastTransitionTime'])),
    addresses: mapList(object({ type: string(), address: string() }, { required: ['type', 'address'] }), ['type'], patchMerge('type')),
    daemonEndpoints: object({ kubeletEndpoint: object({ Port: int32() }) }),
    nodeInfo: nodeSystemInfo,
    images: list(object({ names: stringList(), sizeBytes: int64() })),
    volumesInUse: stringList(),
    volumesAttached: list(object({ name: string(), devicePath: string() }, { required: ['name', 'devicePath'] })),
    config: object({ assigned: nodeConfigSource, active: nodeConfigSource, lastKnownGood: nodeConfigSource, error: string() }),
    runtimeHandlers: list(
      object({ name: string(), features: object({ recursiveReadOnlyMounts: boolean(), userNamespaces: boolean() }) }),
    ),
    features: object({ supplementalGroupsPolicy: boolean() }),
  },
  { description: 'Observed state: capacity, conditions, addresses and software versions.' },
);

/** STATUS: Ready / NotReady / Unknown, plus SchedulingDisabled for a cordoned node. */
function nodeStatusText(node: KubeObject): string {
  const parts: string[] = [];
  const ready = statusCondition(node, 'Ready');
  if (ready !== undefined) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else parts.push('Unknown');
  if (at(node, 'spec', 'unschedulable') === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** ROLES: from node-role.kubernetes.io/<role> labels and the legacy kubernetes.io/role label. */
export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return roles.size > 0 ? [...roles].sort().join(',') : '<none>';
}

function address(node: KubeObject, type: string): string {
  const found = arrayAt(node, 'status', 'addresses').find((a) => stringAt(a, 'type') === type);
  return stringAt(found, 'address') ?? '<none>';
}

const nodeInfo = (field: string) => (node: KubeObject) => stringAt(node, 'status', 'nodeInfo', field) || '<unknown>';

export const nodeKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'Node',
  generation: false,
  plural: 'nodes',
  namespaced: false,
  shortNames: ['no'],
  status: true,
  description: 'A worker machine that runs pods.',
  properties: { spec: nodeSpec, status: nodeStatus },
  printerColumns: [
    { name: 'Status', type: 'string', description: 'Readiness of the node.', value: nodeStatusText },
    { name: 'Roles', type: 'string', description: 'Roles from node-role labels.', value: nodeRoles },
    AGE_COLUMN,
    { name: 'Version', type: 'string', description: 'Kubelet version.', value: (o) => stringAt(o, 'status', 'nodeInfo', 'kubeletVersion') ?? '' },
    { name: 'Internal-IP', type: 'string', priority: 1, description: 'First internal address.', value: (o) => address(o, 'InternalIP') },
    { name: 'External-IP', type: 'string', priority: 1, description: 'First external address.', value: (o) => address(o, 'ExternalIP') },
    { name: 'OS-Image', type: 'string', priority: 1, description: 'Operating system image.', value: nodeInfo('osImage') },
    { name: 'Kernel-Version', type: 'string', priority: 1, description: 'Kernel version.', value: nodeInfo('kernelVersion') },
    {
      name: 'Container-Runtime',
      type: 'string',
      priority: 1,
      description: 'Container runtime and version.',
      value: nodeInfo('containerRuntimeVersion'),
    },
  ],
  fieldSelectors: { 'spec.unschedulable': (o) => selectorValue(at(o, 'spec', 'unschedulable')) ?? 'false' },
});
