// work.karmada.io: Work (v1alpha1), ResourceBinding and ClusterResourceBinding (v1alpha2).

import type { KubeObject } from '../../machinery/object.js';
import { defineCrd, KARMADA_CATEGORIES, objectSchema, type PrinterColumnSpec } from './crd.js';
import { conditions, nodeSelector, resourceList, toleration } from './fragments.js';
import { propagationSpec } from './karmada-policy.js';
import { arr, bool, dateTime, freeObject, int32, int64, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const health = (): Schema => oneOf(['Healthy', 'Unhealthy', 'Unknown']);

const workSchema = (): Schema =>
  objectSchema(
    {
      spec: obj({
        workload: obj({
          manifests: arr({
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            'x-kubernetes-preserve-unknown-fields': true,
          }),
        }),
        suspendDispatching: bool(),
        preserveResourcesOnDeletion: bool(),
      }),
      status: obj({
        conditions: conditions(),
        manifestStatuses: arr(
          obj({
            identifier: obj(
              {
                ordinal: int32(),
                group: str(),
                version: str(),
                kind: str(),
                resource: str(),
                namespace: str(),
                name: str(),
              },
              ['kind', 'name', 'ordinal', 'resource', 'version'],
            ),
            status: freeObject(),
            health: health(),
          }, ['identifier']),
        ),
      }),
    },
    { required: ['spec'] },
  );

const targetCluster = (): Schema => obj({ name: str(), replicas: int32() }, ['name']);

const replicaRequirements = (): Schema =>
  obj({
    nodeClaim: obj({ hardNodeAffinity: nodeSelector(), nodeSelector: stringMap(), tolerations: arr(toleration()) }),
    resourceRequest: resourceList(),
    namespace: str(),
    priorityClassName: str(),
  });

const bindingSchema = (): Schema => {
  // The binding carries the policy's placement verbatim, seed shorthands included.
  const policy = propagationSpec(true).properties ?? {};
  return objectSchema(
    {
      spec: obj(
        {
          resource: obj(
            { apiVersion: str(), kind: str(), namespace: str(), name: str(), uid: str(), resourceVersion: str() },
            ['apiVersion', 'kind', 'name'],
          ),
          propagateDeps: bool(),
          replicaRequirements: replicaRequirements(),
          replicas: int32(),
          components: arr(obj({ name: str(), replicas: int32(), replicaRequirements: replicaRequirements() }, ['name', 'replicas'])),
          clusters: arr(targetCluster()),
          placement: policy.placement,
          gracefulEvictionTasks: arr(
            obj(
              {
                fromCluster: str(),
                purgeMode: str(),
                replicas: int32(),
                reason: str({ maxLength: 32 }),
                message: str({ maxLength: 1024 }),
                producer: str(),
                gracePeriodSeconds: int32(),
                suppressDeletion: bool(),
                preservedLabelState: stringMap(),
                clustersBeforeFailover: strings(),
                creationTimestamp: dateTime(),
              },
              ['fromCluster', 'producer', 'reason'],
            ),
          ),
          requiredBy: arr(obj({ namespace: str(), name: str(), clusters: arr(targetCluster()) })),
          schedulerName: str(),
          failover: policy.failover,
          conflictResolution: oneOf(['Abort', 'Overwrite']),
          rescheduleTriggeredAt: dateTime(),
          suspension: policy.suspension,
          preserveResourcesOnDeletion: bool(),
          schedulePriority: obj({ priority: int32() }),
        },
        ['resource'],
      ),
      status: obj({
        schedulerObservedGeneration: int64(),
        schedulerObservingAffinityName: str(),
        lastScheduledTime: dateTime(),
        conditions: conditions(),
        aggregatedStatus: arr(
          obj(
            {
              clusterName: str(),
              status: freeObject(),
              applied: bool(),
              appliedMessage: str(),
              health: health(),
            },
            ['clusterName'],
          ),
        ),
      }),
    },
    { required: ['spec'] },
  );
};

const bindingColumns: PrinterColumnSpec[] = [
  { name: 'SCHEDULED', type: 'string', jsonPath: '.status.conditions[?(@.type=="Scheduled")].status' },
  { name: 'FULLYAPPLIED', type: 'string', jsonPath: '.status.conditions[?(@.type=="FullyApplied")].status' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

export const karmadaWorkCrds = (): KubeObject[] => [
  defineCrd({
    group: 'work.karmada.io',
    kind: 'Work',
    scope: 'Namespaced',
    shortNames: ['wk'],
    categories: KARMADA_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: workSchema(),
        columns: [
          { name: 'WORKLOAD-KIND', type: 'string', jsonPath: '.spec.workload.manifests[*].kind' },
          { name: 'APPLIED', type: 'string', jsonPath: '.status.conditions[?(@.type=="Applied")].status' },
          { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  }),
  defineCrd({
    group: 'work.karmada.io',
    kind: 'ResourceBinding',
    scope: 'Namespaced',
    shortNames: ['rb'],
    categories: KARMADA_CATEGORIES,
    versions: [{ name: 'v1alpha2', schema: bindingSchema(), columns: bindingColumns }],
  }),
  defineCrd({
    group: 'work.karmada.io',
    kind: 'ClusterResourceBinding',
    scope: 'Cluster',
    shortNames: ['crb'],
    categories: KARMADA_CATEGORIES,
    versions: [{ name: 'v1alpha2', schema: bindingSchema(), columns: bindingColumns }],
  }),
];
