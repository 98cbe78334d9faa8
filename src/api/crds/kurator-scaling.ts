// Fleet-wide capacity kinds from the seeds: autoscaling.kurator.dev ClusterHorizontalPodAutoscaler and
// scheduling.kurator.dev ClusterQueue.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { conditions, crossNamespaceReference, labelSelector, resourceList } from './fragments.js';
import { arr, dateTime, freeObject, int32, int64, obj, oneOf, quantity, str, type Schema } from './schema.js';

/** autoscaling/v2 MetricTarget. */
const metricTarget = (): Schema =>
  obj(
    {
      type: oneOf(['Utilization', 'Value', 'AverageValue']),
      value: quantity(),
      averageValue: quantity(),
      averageUtilization: int32(),
    },
    ['type'],
  );

const metricIdentifier = (): Schema => obj({ name: str(), selector: labelSelector() }, ['name']);

/** autoscaling/v2 MetricSpec. */
const metricSpec = (): Schema =>
  obj(
    {
      type: oneOf(['ContainerResource', 'External', 'Object', 'Pods', 'Resource']),
      resource: obj({ name: str(), target: metricTarget() }, ['name', 'target']),
      containerResource: obj({ name: str(), container: str(), target: metricTarget() }, ['container', 'name', 'target']),
      pods: obj({ metric: metricIdentifier(), target: metricTarget() }, ['metric', 'target']),
      object: obj(
        { describedObject: crossNamespaceReference(['kind', 'name']), metric: metricIdentifier(), target: metricTarget() },
        ['describedObject', 'metric', 'target'],
      ),
      external: obj({ metric: metricIdentifier(), target: metricTarget() }, ['metric', 'target']),
    },
    ['type'],
  );

const scalingRules = (): Schema =>
  obj({
    stabilizationWindowSeconds: int32({ minimum: 0, maximum: 3600 }),
    selectPolicy: oneOf(['Max', 'Min', 'Disabled']),
    policies: arr(obj({ type: oneOf(['Pods', 'Percent']), value: int32({ minimum: 1 }), periodSeconds: int32({ minimum: 1, maximum: 1800 }) }, ['periodSeconds', 'type', 'value'])),
    tolerance: quantity(),
  });

const clusterHpaSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          scaleTargetRef: obj({ apiVersion: str(), kind: str(), name: str() }, ['kind', 'name']),
          fleet: str(),
          minReplicas: int32({ minimum: 0 }),
          maxReplicas: int32({ minimum: 1 }),
          metrics: arr(metricSpec()),
          behavior: obj({ scaleUp: scalingRules(), scaleDown: scalingRules() }),
          clusterStrategy: arr(
            obj(
              { clusterName: str(), minReplicas: int32({ minimum: 0 }), maxReplicas: int32({ minimum: 0 }), weight: int32({ minimum: 0 }) },
              ['clusterName'],
            ),
            { description: 'Per-cluster bounds; with fillPolicy Sequential the list order is the fill order.' },
          ),
          fillPolicy: oneOf(['Sequential', 'Weighted'], {
            description: 'Sequential (the default): fill clusters in list order, each up to its maximum. Weighted: split by weight.',
          }),
        },
        ['maxReplicas', 'scaleTargetRef'],
      ),
      status: obj({
        observedGeneration: int64(),
        lastScaleTime: dateTime(),
        currentReplicas: int32(),
        desiredReplicas: int32(),
        currentMetrics: arr(freeObject({ description: 'autoscaling/v2 MetricStatus.' })),
        clusters: arr(obj({ name: str(), currentReplicas: int32(), desiredReplicas: int32() }, ['name'])),
        conditions: conditions(),
      }),
    },
    { required: ['spec'] },
  );

const clusterQueueSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          queues: arr(obj({ name: str(), cluster: str(), weight: int32({ minimum: 0 }) }, ['cluster', 'name']), { minItems: 1 }),
          policy: obj({
            overflow: str({ description: 'What a member queue does when its cluster is full, e.g. Borrow (use another cluster\'s share).' }),
            preemption: str({ description: 'How borrowed capacity is reclaimed, e.g. Strict.' }),
          }),
        },
        ['queues'],
      ),
      status: obj({
        observedGeneration: int64(),
        conditions: conditions(),
        queues: arr(
          obj(
            { name: str(), cluster: str(), state: str(), allocated: resourceList(), pending: int32(), running: int32(), borrowed: resourceList() },
            ['cluster', 'name'],
          ),
        ),
      }),
    },
    { required: ['spec'] },
  );

export const kuratorScalingCrds = (): KubeObject[] => [
  defineCrd({
    group: 'autoscaling.kurator.dev',
    kind: 'ClusterHorizontalPodAutoscaler',
    scope: 'Namespaced',
    shortNames: ['chpa'],
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: clusterHpaSchema(),
        columns: [
          { name: 'REFERENCE', type: 'string', jsonPath: '.spec.scaleTargetRef.name' },
          { name: 'MINPODS', type: 'integer', jsonPath: '.spec.minReplicas' },
          { name: 'MAXPODS', type: 'integer', jsonPath: '.spec.maxReplicas' },
          { name: 'REPLICAS', type: 'integer', jsonPath: '.status.currentReplicas' },
          ageColumn(),
        ],
      },
    ],
  }),
  defineCrd({
    group: 'scheduling.kurator.dev',
    kind: 'ClusterQueue',
    scope: 'Cluster',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: clusterQueueSchema(),
        columns: [{ name: 'OVERFLOW', type: 'string', jsonPath: '.spec.policy.overflow' }, ageColumn()],
      },
    ],
  }),
];
