// policy.karmada.io/v1alpha1: PropagationPolicy, ClusterPropagationPolicy, OverridePolicy, ClusterOverridePolicy,
// plus the seed aliases (policy.kurator.dev, kurator.dev) whose placement also accepts the seed's
// `namespaceAffinity` and `replicaScheduling: {type, weights}`.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KARMADA_CATEGORIES, KURATOR_CATEGORIES, objectSchema, type PrinterColumnSpec } from './crd.js';
import { labelSelector, toleration } from './fragments.js';
import { anyValue, arr, bool, int32, int64, mapOf, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const resourceSelector = (): Schema =>
  obj({ apiVersion: str(), kind: str(), namespace: str(), name: str(), labelSelector: labelSelector() }, ['apiVersion', 'kind']);

const clusterAffinityFields = (): Record<string, Schema> => ({
  labelSelector: labelSelector(),
  fieldSelector: obj({
    matchExpressions: arr(obj({ key: str(), operator: str(), values: strings() }, ['key', 'operator'])),
  }),
  clusterNames: strings(),
  exclude: strings(),
});

export const clusterAffinity = (): Schema => obj(clusterAffinityFields());

const statePreservation = (): Schema =>
  obj({ rules: arr(obj({ aliasLabelName: str(), jsonPath: str() }, ['aliasLabelName', 'jsonPath'])) }, ['rules']);

const failover = (): Schema =>
  obj({
    application: obj(
      {
        decisionConditions: obj({ tolerationSeconds: int32({ default: 300, minimum: 0 }) }),
        purgeMode: oneOf(['Directly', 'Gracefully', 'Never', 'Immediately', 'Graciously'], { default: 'Gracefully' }),
        gracePeriodSeconds: int32(),
        statePreservation: statePreservation(),
      },
      ['decisionConditions'],
    ),
    cluster: obj({
      purgeMode: oneOf(['Directly', 'Gracefully'], { default: 'Gracefully' }),
      statePreservation: statePreservation(),
    }),
  });

/** Karmada's ReplicaSchedulingStrategy; with `seed`, also the seed's `type` and `weights` shorthand. */
const replicaScheduling = (seed: boolean): Schema => {
  const properties: Record<string, Schema> = {
    replicaSchedulingType: oneOf(['Duplicated', 'Divided'], seed ? {} : { default: 'Divided' }),
    replicaDivisionPreference: oneOf(['Aggregated', 'Weighted']),
    weightPreference: obj({
      staticWeightList: arr(obj({ targetCluster: clusterAffinity(), weight: int64({ minimum: 1 }) }, ['targetCluster', 'weight'])),
      dynamicWeight: oneOf(['AvailableReplicas']),
    }),
  };
  if (seed) {
    properties.type = oneOf(['Duplicated', 'Divided', 'Weighted', 'Aggregated'], {
      description: 'Seed shorthand: Duplicated, Divided, Weighted (static weights from `weights`) or Aggregated.',
    });
    properties.weights = mapOf(int64({ minimum: 0 }), { description: 'Seed shorthand: cluster name → static weight.' });
  }
  return obj(properties);
};

const placement = (seed: boolean): Schema => {
  const properties: Record<string, Schema> = {
    clusterAffinity: clusterAffinity(),
    clusterAffinities: arr(
      obj({ affinityName: str(), ...clusterAffinityFields(), overflowAffinities: arr(clusterAffinity()) }, ['affinityName']),
    ),
    clusterTolerations: arr(toleration()),
    spreadConstraints: arr(
      obj({
        spreadByField: oneOf(['cluster', 'region', 'zone', 'provider']),
        spreadByLabel: str(),
        maxGroups: int32(),
        minGroups: int32(),
      }),
    ),
    replicaScheduling: replicaScheduling(seed),
    workloadAffinity: obj({
      affinity: obj({ groupByLabelKey: str() }, ['groupByLabelKey']),
      antiAffinity: obj({ groupByLabelKey: str() }, ['groupByLabelKey']),
    }),
  };
  if (seed) {
    properties.namespaceAffinity = obj(
      { namespaces: strings(), labelSelector: labelSelector(), exclude: strings() },
      undefined,
      { description: 'Seed extension: the namespaces whose matching resources this policy propagates.' },
    );
  }
  return obj(properties);
};

export const propagationSpec = (seed: boolean): Schema =>
  obj(
    {
      resourceSelectors: arr(resourceSelector(), { minItems: 1 }),
      association: bool(),
      propagateDeps: bool(),
      placement: placement(seed),
      priority: int32({ default: 0 }),
      preemption: oneOf(['Always', 'Never'], { default: 'Never' }),
      dependentOverrides: strings(),
      schedulerName: str({ default: 'default-scheduler' }),
      failover: failover(),
      conflictResolution: oneOf(['Abort', 'Overwrite'], { default: 'Abort' }),
      activationPreference: oneOf(['Lazy']),
      suspension: obj({
        dispatching: bool(),
        dispatchingOnClusters: obj({ clusterNames: strings() }),
        scheduling: bool(),
      }),
      preserveResourcesOnDeletion: bool(),
      schedulePriority: obj({ priorityClassSource: oneOf(['KubePriorityClass']), priorityClassName: str() }, ['priorityClassName']),
    },
    ['resourceSelectors'],
  );

const plaintextOverrider = (): Schema =>
  obj({ path: str(), operator: oneOf(['add', 'remove', 'replace']), value: anyValue() }, ['operator', 'path']);

const commandOrArgsOverrider = (): Schema =>
  obj({ containerName: str(), operator: oneOf(['add', 'remove']), value: strings() }, ['containerName', 'operator']);

const labelAnnotationOverrider = (): Schema =>
  obj({ operator: oneOf(['add', 'remove', 'replace']), value: stringMap() }, ['operator']);

const fieldPatch = (): Schema =>
  obj({ subPath: str(), operator: oneOf(['add', 'remove', 'replace']), value: anyValue() }, ['operator', 'subPath']);

export const overriders = (): Schema =>
  obj({
    plaintext: arr(plaintextOverrider()),
    imageOverrider: arr(
      obj(
        {
          predicate: obj({ path: str() }, ['path']),
          component: oneOf(['Registry', 'Repository', 'Tag']),
          operator: oneOf(['add', 'remove', 'replace']),
          value: str(),
        },
        ['component', 'operator'],
      ),
    ),
    commandOverrider: arr(commandOrArgsOverrider()),
    argsOverrider: arr(commandOrArgsOverrider()),
    labelsOverrider: arr(labelAnnotationOverrider()),
    annotationsOverrider: arr(labelAnnotationOverrider()),
    fieldOverrider: arr(obj({ fieldPath: str(), json: arr(fieldPatch()), yaml: arr(fieldPatch()) }, ['fieldPath'])),
    replicasOverrider: obj({ value: int32({ minimum: 0 }) }, ['value'], {
      description: 'Seed extension: sets the workload replica count in the target clusters.',
    }),
  });

export const overrideSpec = (): Schema =>
  obj({
    resourceSelectors: arr(resourceSelector()),
    overrideRules: arr(obj({ targetCluster: clusterAffinity(), overriders: overriders() }, ['overriders'])),
    targetCluster: clusterAffinity(),
    overriders: overriders(),
  });

const propagationColumns: PrinterColumnSpec[] = [
  { name: 'CONFLICT-RESOLUTION', type: 'string', jsonPath: '.spec.conflictResolution' },
  { name: 'PRIORITY', type: 'string', jsonPath: '.spec.priority' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

function propagationPolicies(group: string, seed: boolean, shortNames: boolean, categories: string[]): KubeObject[] {
  const schema = objectSchema({ spec: propagationSpec(seed) }, { required: ['spec'] });
  return [
    defineCrd({
      group,
      kind: 'PropagationPolicy',
      scope: 'Namespaced',
      shortNames: shortNames ? ['pp'] : undefined,
      categories,
      versions: [{ name: 'v1alpha1', schema, columns: propagationColumns }],
    }),
    defineCrd({
      group,
      kind: 'ClusterPropagationPolicy',
      scope: 'Cluster',
      shortNames: shortNames ? ['cpp'] : undefined,
      categories,
      versions: [{ name: 'v1alpha1', schema, columns: propagationColumns }],
    }),
  ];
}

function overridePolicies(group: string, shortNames: boolean, categories: string[]): KubeObject[] {
  const schema = objectSchema({ spec: overrideSpec() }, { required: ['spec'] });
  return [
    defineCrd({
      group,
      kind: 'OverridePolicy',
      scope: 'Namespaced',
      shortNames: shortNames ? ['op'] : undefined,
      categories,
      versions: [{ name: 'v1alpha1', schema, columns: [ageColumn()] }],
    }),
    defineCrd({
      group,
      kind: 'ClusterOverridePolicy',
      scope: 'Cluster',
      shortNames: shortNames ? ['cop'] : undefined,
      categories,
      versions: [{ name: 'v1alpha1', schema, columns: [ageColumn()] }],
    }),
  ];
}

export const karmadaPolicyCrds = (): KubeObject[] => [
  ...propagationPolicies('policy.karmada.io', false, true, KARMADA_CATEGORIES),
  ...overridePolicies('policy.karmada.io', true, KARMADA_CATEGORIES),
  // Aliases carry no short names so `pp`, `cpp`, `op`, `cop` stay unambiguous.
  ...propagationPolicies('policy.kurator.dev', true, false, KURATOR_CATEGORIES),
  ...overridePolicies('policy.kurator.dev', false, KURATOR_CATEGORIES),
  ...propagationPolicies('kurator.dev', true, false, KURATOR_CATEGORIES),
];
