// core/v1 Pod.

import type { KubeObject } from '../../machinery/object.js';
import { conditionList } from './meta.js';
import { resourceRequirements } from './container.js';
import {
  boolean, dateTime, enumString, int32, int64, list, mapList, object, patchMerge, quantityMap, string,
} from './schema-builders.js';
import { podSpec } from './pod-spec.js';
import { AGE_COLUMN, at, selectField, selectorValue, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';
import { podRowSummary, readinessGates } from './pod-columns.js';

const containerState = object({
  waiting: object({ reason: string(), message: string() }),
  running: object({ startedAt: dateTime() }),
  terminated: object({
    exitCode: int32(),
    signal: int32(),
    reason: string(),
    message: string(),
    startedAt: dateTime(),
    finishedAt: dateTime(),
    containerID: string(),
  }),
});

const volumeMountStatus = object(
  { name: string(), mountPath: string(), readOnly: boolean(), recursiveReadOnly: string() },
  { required: ['name', 'mountPath'] },
);

const resourceHealth = object({ resourceID: string(), health: string() }, { required: ['resourceID'] });

const containerStatus = object(
  {
    name: string(),
    state: containerState,
    lastState: containerState,
    ready: boolean(),
    restartCount: int32(),
    image: string(),
    imageID: string(),
    containerID: string(),
    started: boolean(),
    allocatedResources: quantityMap(),
    resources: resourceRequirements,
    volumeMounts: mapList(volumeMountStatus, ['mountPath'], patchMerge('mountPath')),
    user: object({
      linux: object(
        { uid: int64(), gid: int64(), supplementalGroups: list(int64()) },
        { required: ['uid', 'gid'] },
      ),
    }),
    allocatedResourcesStatus: mapList(
      object({ name: string(), resources: mapList(resourceHealth, ['resourceID']) }, { required: ['name'] }),
      ['name'],
      patchMerge('name'),
    ),
    stopSignal: string(),
  },
  { required: ['name'] },
);

const ipItem = object({ ip: string() }, { required: ['ip'] });

const podStatus = object(
  {
    observedGeneration: int64(),
    phase: enumString(['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown']),
    conditions: conditionList(
      object(
        {
          type: string(),
          observedGeneration: int64(),
          status: string(),
          lastProbeTime: dateTime(),
          lastTransitionTime: dateTime(),
          reason: string(),
          message: string(),
        },
        { required: ['type', 'status'] },
      ),
    ),
    message: string(),
    reason: string(),
    nominatedNodeName: string(),
    hostIP: string(),
    hostIPs: list(ipItem, patchMerge('ip')),
    podIP: string(),
    podIPs: mapList(ipItem, ['ip'], patchMerge('ip')),
    startTime: dateTime(),
    initContainerStatuses: list(containerStatus),
    containerStatuses: list(containerStatus),
    qosClass: enumString(['BestEffort', 'Burstable', 'Guaranteed']),
    ephemeralContainerStatuses: list(containerStatus),
    resize: string(),
    resourceClaimStatuses: mapList(
      object({ name: string(), resourceClaimName: string() }, { required: ['name'] }),
      ['name'],
      patchMerge('name', 'merge,retainKeys'),
    ),
    extendedResourceClaimStatus: object(
      {
        requestMappings: list(
          object(
            { containerName: string(), resourceName: string(), requestName: string() },
            { required: ['containerName', 'resourceName', 'requestName'] },
          ),
        ),
        resourceClaimName: string(),
      },
      { required: ['requestMappings', 'resourceClaimName'] },
    ),
  },
  { description: 'Observed state of the pod: phase, conditions, IPs and container statuses.' },
);

/** Upstream selects on the first pod IP. */
const firstPodIP = (o: KubeObject): string => stringAt(o, 'status', 'podIPs', 0, 'ip') ?? stringAt(o, 'status', 'podIP') ?? '';

export const podKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'Pod',
  generation: false,
  plural: 'pods',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  status: true,
  description: 'A group of containers scheduled together on one node, sharing network and volumes.',
  properties: {
    spec: { ...podSpec, description: 'Desired behaviour of the pod: containers, volumes, scheduling.' },
    status: podStatus,
  },
  printerColumns: [
    { name: 'Ready', type: 'string', description: 'Ready containers out of all containers.', value: (o) => podRowSummary(o).ready },
    { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.', value: (o) => podRowSummary(o).status },
    {
      name: 'Restarts',
      type: 'string',
      description: 'Container restarts, and how long ago the last one happened.',
      value: (o) => podRowSummary(o).restarts,
    },
    AGE_COLUMN,
    {
      name: 'IP',
      type: 'string',
      priority: 1,
      description: 'The pod IP.',
      value: (o) => firstPodIP(o) || '<none>',
    },
    { name: 'Node', type: 'string', priority: 1, description: 'The node the pod runs on.', value: (o) => stringAt(o, 'spec', 'nodeName') || '<none>' },
    {
      name: 'Nominated Node',
      type: 'string',
      priority: 1,
      description: 'The node the scheduler nominated after preemption.',
      value: (o) => stringAt(o, 'status', 'nominatedNodeName') || '<none>',
    },
    { name: 'Readiness Gates', type: 'string', priority: 1, description: 'Satisfied readiness gates.', value: readinessGates },
  ],
  fieldSelectors: {
    'spec.nodeName': selectField('spec', 'nodeName'),
    'spec.host': selectField('spec', 'nodeName'),
    'spec.restartPolicy': selectField('spec', 'restartPolicy'),
    'spec.schedulerName': selectField('spec', 'schedulerName'),
    'spec.serviceAccountName': selectField('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => selectorValue(at(o, 'spec', 'hostNetwork')) ?? 'false',
    'status.phase': selectField('status', 'phase'),
    'status.podIP': firstPodIP,
    'status.nominatedNodeName': selectField('status', 'nominatedNodeName'),
  },
});
