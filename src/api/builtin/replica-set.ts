// apps/v1 ReplicaSet.

import { condition, conditionList, labelSelector } from './meta.js';
import { int32, int64, object } from './schema-builders.js';
import { podTemplateSpec } from './pod-spec.js';
import { AGE_COLUMN, at, numberAt, selectField, templateColumns } from './cells.js';
import { defineKind, WORKLOAD_SCALE } from './define-kind.js';

export const replicaSetKind = defineKind({
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  status: true,
  scale: WORKLOAD_SCALE,
  description: 'Keeps a number of identical pods running; usually owned by a Deployment.',
  properties: {
    spec: object(
      {
        replicas: int32({ default: 1, description: 'Desired number of pods.' }),
        minReadySeconds: int32(),
        selector: labelSelector({ description: 'Pods this replica set manages.' }),
        template: podTemplateSpec,
      },
      { required: ['selector'], description: 'Desired state: replicas and pod template.' },
    ),
    status: object(
      {
        replicas: int32(),
        fullyLabeledReplicas: int32(),
        readyReplicas: int32(),
        availableReplicas: int32(),
        terminatingReplicas: int32(),
        observedGeneration: int64(),
        conditions: conditionList(condition()),
      },
      { description: 'Observed replica counts.' },
    ),
  },
  printerColumns: [
    { name: 'Desired', type: 'integer', description: 'Desired number of pods.', value: (o) => numberAt(o, 'spec', 'replicas') ?? 0 },
    { name: 'Current', type: 'integer', description: 'Pods that exist.', value: (o) => numberAt(o, 'status', 'replicas') ?? 0 },
    { name: 'Ready', type: 'integer', description: 'Pods that are ready.', value: (o) => numberAt(o, 'status', 'readyReplicas') ?? 0 },
    AGE_COLUMN,
    ...templateColumns((o) => at(o, 'spec', 'template'), (o) => at(o, 'spec', 'selector')),
  ],
  fieldSelectors: { 'status.replicas': (o) => selectField('status', 'replicas')(o) || '0' },
});
