// autoscaling/v2 HorizontalPodAutoscaler.

import type { KubeObject } from '../../machinery/object.js';
import { condition, conditionList, labelSelector } from './meta.js';
import { dateTime, enumString, int32, int64, list, object, quantity, string } from './schema-builders.js';
import { AGE_COLUMN, arrayAt, at, numberAt, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

const crossVersionObjectReference = object(
  { kind: string(), name: string(), apiVersion: string() },
  { required: ['kind', 'name'] },
);

const metricIdentifier = object({ name: string(), selector: labelSelector() }, { required: ['name'] });

const metricTarget = object(
  {
    type: enumString(['AverageValue', 'Utilization', 'Value']),
    value: quantity(),
    averageValue: quantity(),
    averageUtilization: int32(),
  },
  { required: ['type'] },
);

const metricValueStatus = object({ value: quantity(), averageValue: quantity(), averageUtilization: int32() });

const metricTypes = enumString(['ContainerResource', 'External', 'Object', 'Pods', 'Resource']);

const metricSpec = object(
  {
    type: metricTypes,
    object: object(
      { describedObject: crossVersionObjectReference, target: metricTarget, metric: metricIdentifier },
      { required: ['describedObject', 'target', 'metric'] },
    ),
    pods: object({ metric: metricIdentifier, target: metricTarget }, { required: ['metric', 'target'] }),
    resource: object({ name: string(), target: metricTarget }, { required: ['name', 'target'] }),
    containerResource: object(
      { name: string(), target: metricTarget, container: string() },
      { required: ['name', 'target', 'container'] },
    ),
    external: object({ metric: metricIdentifier, target: metricTarget }, { required: ['metric', 'target'] }),
  },
  { required: ['type'] },
);

const metricStatus = object(
  {
    type: metricTypes,
    object: object(
      { metric: metricIdentifier, current: metricValueStatus, describedObject: crossVersionObjectReference },
      { required: ['metric', 'current', 'describedObject'] },
    ),
    pods: object({ metric: metricIdentifier, current: metricValueStatus }, { required: ['metric', 'current'] }),
    resource: object({ name: string(), current: metricValueStatus }, { required: ['name', 'current'] }),
    containerResource: object(
      { name: string(), current: metricValueStatus, container: string() },
      { required: ['name', 'current', 'container'] },
    ),
    external: object({ metric: metricIdentifier, current: metricValueStatus }, { required: ['metric', 'current'] }),
  },
  { required: ['type'] },
);

const scalingRules = object({
  stabilizationWindowSeconds: int32(),
  selectPolicy: enumString(['Disabled', 'Max', 'Min']),
  policies: list(
    object(
      { type: enumString(['Percent', 'Pods']), value: int32(), periodSeconds: int32() },
      { required: ['type', 'value', 'periodSeconds'] },
    ),
  ),
  tolerance: quantity(),
});

/** TARGETS: "cpu: 40%/80%", "<unknown>/500m", at most two metrics then "+ N more...". */
export function hpaTargets(hpa: KubeObject): string {
  const specs = arrayAt(hpa, 'spec', 'metrics');
  if (specs.length === 0) return '<none>';
  const statuses = arrayAt(hpa, 'status', 'currentMetrics');
  const text = (value: unknown) => (value === undefined ? undefined : String(value));
  const cells = specs.map((spec, i) => {
    const status = statuses[i];
    switch (stringAt(spec, 'type')) {
      case 'External':
      case 'Object':
      case 'Pods': {
        const source = stringAt(spec, 'type') === 'External' ? 'external' : stringAt(spec, 'type') === 'Object' ? 'object' : 'pods';
        const averageTarget = at(spec, source, 'target', 'averageValue');
        if (source === 'pods' || averageTarget !== undefined) {
          const current = text(at(status, source, 'current', 'averageValue')) ?? '<unknown>';
          return `${current}/${text(averageTarget) ?? ''}${source === 'pods' ? '' : ' (avg)'}`;
        }
        const current = text(at(status, source, 'current', 'value')) ?? '<unknown>';
        return `${current}/${text(at(spec, source, 'target', 'value')) ?? ''}`;
      }
      case 'Resource':
      case 'ContainerResource': {
        const source = stringAt(spec, 'type') === 'Resource' ? 'resource' : 'containerResource';
        const name = stringAt(spec, source, 'name') ?? '';
        const averageTarget = at(spec, source, 'target', 'averageValue');
        if (averageTarget !== undefined) {
          const current = text(at(status, source, 'current', 'averageValue')) ?? '<unknown>';
          return `${name}: ${current}/${text(averageTarget)}`;
        }
        const currentUtilization = numberAt(status, source, 'current', 'averageUtilization');
        const targetUtilization = numberAt(spec, source, 'target', 'averageUtilization');
        const current = currentUtilization === undefined ? '<unknown>' : `${currentUtilization}%`;
        const target = targetUtilization === undefined ? '<auto>' : `${targetUtilization}%`;
        return `${name}: ${current}/${target}`;
      }
      default:
        return '<unknown type>';
    }
  });
  const max = 2;
  if (cells.length > max) return `${cells.slice(0, max).join(', ')} + ${cells.length - max} more...`;
  return cells.join(', ');
}

export const horizontalPodAutoscalerKind = defineKind({
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  generation: false,
  plural: 'horizontalpodautoscalers',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  status: true,
  description: 'Scales a workload between bounds to keep metrics at their targets.',
  properties: {
    spec: object(
      {
        scaleTargetRef: { ...crossVersionObjectReference, description: 'The workload to scale.' },
        minReplicas: int32({ default: 1, description: 'Lower bound of the replica count.' }),
        maxReplicas: int32({ description: 'Upper bound of the replica count.' }),
        metrics: list(metricSpec, {
          description: 'Metrics to hold at their targets; defaults to 80% average CPU utilization.',
          default: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        }),
        behavior: object({ scaleUp: scalingRules, scaleDown: scalingRules }),
      },
      { required: ['scaleTargetRef', 'maxReplicas'], description: 'Target workload, bounds and metrics.' },
    ),
    status: object(
      {
        observedGeneration: int64(),
        lastScaleTime: dateTime(),
        currentReplicas: int32(),
        desiredReplicas: int32(),
        currentMetrics: list(metricStatus),
        conditions: conditionList(condition()),
      },
      { description: 'Observed replicas and metric values.' },
    ),
  },
  printerColumns: [
    {
      name: 'Reference',
      type: 'string',
      description: 'The scaled workload.',
      value: (o) => `${stringAt(o, 'spec', 'scaleTargetRef', 'kind') ?? ''}/${stringAt(o, 'spec', 'scaleTargetRef', 'name') ?? ''}`,
    },
    { name: 'Targets', type: 'string', description: 'Current and target metric values.', value: hpaTargets },
    {
      name: 'MinPods',
      type: 'string',
      description: 'Lower bound of the replica count.',
      value: (o) => {
        const min = numberAt(o, 'spec', 'minReplicas');
        return min === undefined ? '<unset>' : String(min);
      },
    },
    { name: 'MaxPods', type: 'integer', description: 'Upper bound of the replica count.', value: (o) => numberAt(o, 'spec', 'maxReplicas') ?? 0 },
    { name: 'Replicas', type: 'integer', description: 'Current replica count.', value: (o) => numberAt(o, 'status', 'currentReplicas') ?? 0 },
    AGE_COLUMN,
  ],
});
