// apps/v1 StatefulSet.

import { condition, conditionList, labelSelector, objectMeta } from './meta.js';
import { enumString, int32, int64, intOrString, list, object, preserved, string } from './schema-builders.js';
import { podTemplateSpec } from './pod-spec.js';
import { persistentVolumeClaimSpec } from './volume.js';
import { AGE_COLUMN, at, numberAt, templateColumns } from './cells.js';
import { defineKind, WORKLOAD_SCALE } from './define-kind.js';

/** A PersistentVolumeClaim as embedded in volumeClaimTemplates (status is ignored there). */
const claimTemplate = object({
  apiVersion: string(),
  kind: string(),
  metadata: objectMeta,
  spec: persistentVolumeClaimSpec,
  status: preserved(),
});

const retention = enumString(['Delete', 'Retain'], { default: 'Retain' });

const statefulSetSpec = object(
  {
    replicas: int32({ default: 1, description: 'Desired number of pods.' }),
    selector: labelSelector({ description: 'Pods this stateful set manages; must match the template labels.' }),
    template: podTemplateSpec,
    volumeClaimTemplates: list(claimTemplate, { description: 'Claims created for each pod, bound to its ordinal.' }),
    serviceName: string({ description: 'Headless service that gives the pods their network identity.' }),
    podManagementPolicy: enumString(['OrderedReady', 'Parallel'], { default: 'OrderedReady' }),
    updateStrategy: object(
      {
        type: enumString(['OnDelete', 'RollingUpdate'], { default: 'RollingUpdate' }),
        rollingUpdate: object({ partition: int32({ default: 0 }), maxUnavailable: intOrString() }),
      },
      { default: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
    ),
    revisionHistoryLimit: int32({ default: 10 }),
    minReadySeconds: int32(),
    persistentVolumeClaimRetentionPolicy: object(
      { whenDeleted: retention, whenScaled: retention },
      { default: { whenDeleted: 'Retain', whenScaled: 'Retain' } },
    ),
    ordinals: object({ start: int32({ default: 0 }) }),
  },
  { required: ['selector', 'template'], description: 'Desired state: replicas, pod template, claim templates.' },
);

export const statefulSetKind = defineKind({
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  status: true,
  scale: WORKLOAD_SCALE,
  description: 'Pods with stable identities and storage, created and updated in order.',
  properties: {
    spec: statefulSetSpec,
    status: object(
      {
        observedGeneration: int64(),
        replicas: int32(),
        readyReplicas: int32(),
        currentReplicas: int32(),
        updatedReplicas: int32(),
        currentRevision: string(),
        updateRevision: string(),
        collisionCount: int32(),
        conditions: conditionList(condition()),
        availableReplicas: int32(),
      },
      { description: 'Observed replica counts and revisions.' },
    ),
  },
  printerColumns: [
    {
      name: 'Ready',
      type: 'string',
      description: 'Ready pods out of desired pods.',
      value: (o) => `${numberAt(o, 'status', 'readyReplicas') ?? 0}/${numberAt(o, 'spec', 'replicas') ?? 0}`,
    },
    AGE_COLUMN,
    ...templateColumns((o) => at(o, 'spec', 'template')),
  ],
});
