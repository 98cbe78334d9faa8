// Scheduling constraints shared by pods and persistent volumes: node selectors, affinity, tolerations,
// taints and topology spread.

import {
  atomicObject, dateTime, enumString, int32, int64, list, object, string, stringList,
} from './schema-builders.js';
import { labelSelector } from './meta.js';

const nodeSelectorRequirement = object(
  {
    key: string(),
    operator: enumString(['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn']),
    values: stringList(),
  },
  { required: ['key', 'operator'] },
);

export const nodeSelectorTerm = atomicObject({
  matchExpressions: list(nodeSelectorRequirement),
  matchFields: list(nodeSelectorRequirement),
});

export const nodeSelector = atomicObject({ nodeSelectorTerms: list(nodeSelectorTerm) }, { required: ['nodeSelectorTerms'] });

const podAffinityTerm = object(
  {
    labelSelector: labelSelector(),
    namespaces: stringList(),
    topologyKey: string(),
    namespaceSelector: labelSelector(),
    matchLabelKeys: stringList(),
    mismatchLabelKeys: stringList(),
  },
  { required: ['topologyKey'] },
);

const weightedPodAffinityTerm = object(
  { weight: int32(), podAffinityTerm },
  { required: ['weight', 'podAffinityTerm'] },
);

const podAffinity = object({
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: list(weightedPodAffinityTerm),
});

export const affinity = object({
  nodeAffinity: object({
    requiredDuringSchedulingIgnoredDuringExecution: nodeSelector,
    preferredDuringSchedulingIgnoredDuringExecution: list(
      object({ weight: int32(), preference: nodeSelectorTerm }, { required: ['weight', 'preference'] }),
    ),
  }),
  podAffinity,
  podAntiAffinity: podAffinity,
});

const taintEffect = enumString(['NoExecute', 'NoSchedule', 'PreferNoSchedule']);

export const toleration = object({
  key: string(),
  operator: enumString(['Equal', 'Exists']),
  value: string(),
  effect: taintEffect,
  tolerationSeconds: int64(),
});

export const taint = object(
  { key: string(), value: string(), effect: taintEffect, timeAdded: dateTime() },
  { required: ['key', 'effect'] },
);

export const topologySpreadConstraint = object(
  {
    maxSkew: int32(),
    topologyKey: string(),
    whenUnsatisfiable: enumString(['DoNotSchedule', 'ScheduleAnyway']),
    labelSelector: labelSelector(),
    minDomains: int32(),
    nodeAffinityPolicy: enumString(['Honor', 'Ignore']),
    nodeTaintsPolicy: enumString(['Honor', 'Ignore']),
    matchLabelKeys: stringList(),
  },
  { required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'] },
);
