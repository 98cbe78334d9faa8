// apps/v1 DaemonSet.

import type { KubeObject } from '../../machinery/object.js';
import { condition, conditionList, labelSelector } from './meta.js';
import { enumString, int32, int64, intOrString, object } from './schema-builders.js';
import { podTemplateSpec } from './pod-spec.js';
import { AGE_COLUMN, at, formatLabels, numberAt, recordAt, templateColumns } from './cells.js';
import { defineKind } from './define-kind.js';

const count = (field: string) => (o: KubeObject) => numberAt(o, 'status', field) ?? 0;

export const daemonSetKind = defineKind({
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  status: true,
  description: 'Runs one copy of a pod on every (selected) node.',
  properties: {
    spec: object(
      {
        selector: labelSelector({ description: 'Pods this daemon set manages; must match the template labels.' }),
        template: podTemplateSpec,
        updateStrategy: object(
          {
            type: enumString(['OnDelete', 'RollingUpdate'], { default: 'RollingUpdate' }),
            rollingUpdate: object({ maxUnavailable: intOrString(), maxSurge: intOrString() }),
          },
          { default: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
        ),
        minReadySeconds: int32(),
        revisionHistoryLimit: int32({ default: 10 }),
      },
      { required: ['selector', 'template'], description: 'Desired state: pod template and update strategy.' },
    ),
    status: object(
      {
        currentNumberScheduled: int32(),
        numberMisscheduled: int32(),
        desiredNumberScheduled: int32(),
        numberReady: int32(),
        observedGeneration: int64(),
        updatedNumberScheduled: int32(),
        numberAvailable: int32(),
        numberUnavailable: int32(),
        collisionCount: int32(),
        conditions: conditionList(condition()),
      },
      { description: 'Observed scheduling counts.' },
    ),
  },
  printerColumns: [
    { name: 'Desired', type: 'integer', description: 'Nodes that should run the pod.', value: count('desiredNumberScheduled') },
    { name: 'Current', type: 'integer', description: 'Nodes running the pod.', value: count('currentNumberScheduled') },
    { name: 'Ready', type: 'integer', description: 'Nodes with a ready pod.', value: count('numberReady') },
    { name: 'Up-to-date', type: 'integer', description: 'Nodes running the latest template.', value: count('updatedNumberScheduled') },
    { name: 'Available', type: 'integer', description: 'Nodes with an available pod.', value: count('numberAvailable') },
    {
      name: 'Node Selector',
      type: 'string',
      description: 'Node selector of the pod template.',
      value: (o) => formatLabels(recordAt(o, 'spec', 'template', 'spec', 'nodeSelector')),
    },
    AGE_COLUMN,
    ...templateColumns((o) => at(o, 'spec', 'template'), (o) => at(o, 'spec', 'selector')),
  ],
});
