// Volcano subset: batch.volcano.sh/v1alpha1 Job, scheduling.volcano.sh/v1beta1 Queue and PodGroup.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, objectSchema } from './crd.js';
import { podTemplateSpec, resourceList } from './fragments.js';
import { arr, bool, dateTime, freeObject, int32, mapOf, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const lifecyclePolicy = (): Schema =>
  obj({ action: str(), event: str(), events: strings(), exitCode: int32(), timeout: str() });

const networkTopology = (): Schema => obj({ mode: oneOf(['hard', 'soft']), highestTierAllowed: int32() });

const jobSchema = (): Schema =>
  objectSchema({
    spec: obj({
      schedulerName: str(),
      minAvailable: int32({ minimum: 0 }),
      minSuccess: int32({ minimum: 1 }),
      volumes: arr(obj({ mountPath: str(), volumeClaimName: str(), volumeClaim: freeObject({ description: 'corev1.PersistentVolumeClaimSpec' }) }, ['mountPath'])),
      tasks: arr(
        obj({
          name: str(),
          replicas: int32({ minimum: 0 }),
          minAvailable: int32({ minimum: 0 }),
          template: podTemplateSpec(),
          policies: arr(lifecyclePolicy()),
          topologyPolicy: oneOf(['none', 'best-effort', 'restricted', 'single-numa-node']),
          maxRetry: int32(),
          dependsOn: obj({ name: strings(), iteration: oneOf(['any', 'all']) }),
        }),
      ),
      policies: arr(lifecyclePolicy()),
      plugins: mapOf(strings(), { description: 'Job plugins (ssh, svc, env, ...) and their arguments.' }),
      runningEstimate: str(),
      queue: str(),
      maxRetry: int32(),
      ttlSecondsAfterFinished: int32(),
      priorityClassName: str(),
      networkTopology: networkTopology(),
    }),
    status: obj({
      state: obj({ phase: str(), reason: str(), message: str(), lastTransitionTime: dateTime() }),
      minAvailable: int32(),
      taskStatusCount: mapOf(obj({ phase: mapOf(int32()) })),
      pending: int32(),
      running: int32(),
      succeeded: int32(),
      failed: int32(),
      terminating: int32(),
      unknown: int32(),
      version: int32(),
      retryCount: int32(),
      runningDuration: str(),
      controlledResources: stringMap(),
      conditions: arr(obj({ status: str(), lastTransitionTime: dateTime() }, ['status'])),
    }),
  });

const queueSchema = (): Schema =>
  objectSchema({
    spec: obj({
      weight: int32({ default: 1, minimum: 1, maximum: 65535 }),
      capability: resourceList(),
      reclaimable: bool(),
      guarantee: obj({ resource: resourceList() }),
      deserved: resourceList(),
      extendClusters: arr(obj({ name: str(), weight: int32(), capacity: resourceList() })),
      affinity: freeObject(),
      type: str(),
      parent: str(),
      priority: int32(),
      dequeueStrategy: oneOf(['traverse', 'fifo']),
    }),
    status: obj({
      state: str(),
      unknown: int32(),
      pending: int32(),
      running: int32(),
      inqueue: int32(),
      completed: int32(),
      reservation: obj({ nodes: strings(), resource: resourceList() }),
      allocated: resourceList(),
    }),
  });

const podGroupSchema = (): Schema =>
  objectSchema({
    spec: obj({
      minMember: int32({ minimum: 0 }),
      minTaskMember: mapOf(int32({ minimum: 0 })),
      queue: str({ default: 'default' }),
      priorityClassName: str(),
      minResources: resourceList(),
      networkTopology: networkTopology(),
    }),
    status: obj({
      phase: str(),
      conditions: arr(
        obj({ type: str(), status: str(), transitionID: str(), lastTransitionTime: dateTime(), reason: str(), message: str() }),
      ),
      running: int32(),
      succeeded: int32(),
      failed: int32(),
    }),
  });

export const volcanoCrds = (): KubeObject[] => [
  defineCrd({
    group: 'batch.volcano.sh',
    kind: 'Job',
    scope: 'Namespaced',
    shortNames: ['vcjob', 'vj'],
    versions: [
      {
        name: 'v1alpha1',
        schema: jobSchema(),
        columns: [
          { name: 'STATUS', type: 'string', jsonPath: '.status.state.phase' },
          { name: 'minAvailable', type: 'integer', jsonPath: '.status.minAvailable' },
          { name: 'RUNNINGS', type: 'integer', jsonPath: '.status.running' },
          ageColumn(),
          { name: 'QUEUE', type: 'string', jsonPath: '.spec.queue', priority: 1 },
        ],
      },
    ],
  }),
  defineCrd({
    group: 'scheduling.volcano.sh',
    kind: 'Queue',
    scope: 'Cluster',
    shortNames: ['q', 'queue-v1beta1'],
    versions: [
      {
        name: 'v1beta1',
        schema: queueSchema(),
        columns: [
          { name: 'WEIGHT', type: 'integer', jsonPath: '.spec.weight' },
          { name: 'STATE', type: 'string', jsonPath: '.status.state' },
          { name: 'PARENT', type: 'string', jsonPath: '.spec.parent', priority: 1 },
          ageColumn(),
        ],
      },
    ],
  }),
  defineCrd({
    group: 'scheduling.volcano.sh',
    kind: 'PodGroup',
    scope: 'Namespaced',
    shortNames: ['pg', 'podgroup-v1beta1'],
    versions: [
      {
        name: 'v1beta1',
        schema: podGroupSchema(),
        columns: [
          { name: 'STATUS', type: 'string', jsonPath: '.status.phase' },
          { name: 'MINMEMBER', type: 'integer', jsonPath: '.spec.minMember' },
          { name: 'RUNNINGS', type: 'integer', jsonPath: '.status.running' },
          ageColumn(),
          { name: 'QUEUE', type: 'string', jsonPath: '.spec.queue', priority: 1 },
        ],
      },
    ],
  }),
];
