// apps/v1 Deployment.

import { condition, conditionList, labelSelector } from './meta.js';
import { boolean, enumString, int32, int64, intOrString, object } from './schema-builders.js';
import { podTemplateSpec } from './pod-spec.js';
import { AGE_COLUMN, at, numberAt, templateColumns } from './cells.js';
import { defineKind, WORKLOAD_SCALE } from './define-kind.js';

const rollingUpdate = object({ maxUnavailable: intOrString(), maxSurge: intOrString() });

const deploymentSpec = object(
  {
    replicas: int32({ default: 1, description: 'Desired number of pods.' }),
    selector: labelSelector({ description: 'Pods this deployment manages; must match the template labels.' }),
    template: podTemplateSpec,
    strategy: object(
      { type: enumString(['Recreate', 'RollingUpdate'], { default: 'RollingUpdate' }), rollingUpdate },
      {
        default: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        description: 'How old pods are replaced by new ones.',
      },
    ),
    minReadySeconds: int32(),
    revisionHistoryLimit: int32({ default: 10 }),
    paused: boolean(),
    progressDeadlineSeconds: int32({ default: 600 }),
  },
  { required: ['selector', 'template'], description: 'Desired state: replicas, pod template, rollout strategy.' },
);

const deploymentStatus = object(
  {
    observedGeneration: int64(),
    replicas: int32(),
    updatedReplicas: int32(),
    readyReplicas: int32(),
    availableReplicas: int32(),
    unavailableReplicas: int32(),
    terminatingReplicas: int32(),
    conditions: conditionList(condition(['lastUpdateTime', 'lastTransitionTime'])),
    collisionCount: int32(),
  },
  { description: 'Observed state of the rollout.' },
);

export const deploymentKind = defineKind({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  status: true,
  scale: WORKLOAD_SCALE,
  description: 'Declarative updates for a replicated set of pods, rolled out through ReplicaSets.',
  properties: { spec: deploymentSpec, status: deploymentStatus },
  printerColumns: [
    {
      name: 'Ready',
      type: 'string',
      description: 'Ready pods out of desired pods.',
      value: (o) => `${numberAt(o, 'status', 'readyReplicas') ?? 0}/${numberAt(o, 'spec', 'replicas') ?? 0}`,
    },
    { name: 'Up-to-date', type: 'integer', description: 'Pods running the latest template.', value: (o) => numberAt(o, 'status', 'updatedReplicas') ?? 0 },
    { name: 'Available', type: 'integer', description: 'Pods available to users.', value: (o) => numberAt(o, 'status', 'availableReplicas') ?? 0 },
    AGE_COLUMN,
    ...templateColumns((o) => at(o, 'spec', 'template'), (o) => at(o, 'spec', 'selector')),
  ],
});
