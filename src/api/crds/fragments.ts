// Schemas of Kubernetes types that many CRDs embed (selectors, references, conditions, tolerations,
// pod templates), written once.

import { arr, dateTime, freeObject, int64, listMap, mapOf, obj, oneOf, quantity, str, stringMap, strings, type Schema } from './schema.js';

export const labelSelectorRequirement = (): Schema =>
  obj({ key: str(), operator: str(), values: strings() }, ['key', 'operator']);

export const labelSelector = (): Schema =>
  obj({ matchExpressions: arr(labelSelectorRequirement()), matchLabels: stringMap() }, undefined, { 'x-kubernetes-map-type': 'atomic' });

/** corev1.ObjectReference. */
export const objectReference = (required?: string[]): Schema =>
  obj(
    {
      apiVersion: str(),
      fieldPath: str(),
      kind: str(),
      name: str(),
      namespace: str(),
      resourceVersion: str(),
      uid: str(),
    },
    required,
    { 'x-kubernetes-map-type': 'atomic' },
  );

export const localObjectReference = (): Schema => obj({ name: str() }, ['name']);

/** metav1.Condition, with the fields upstream requires. */
export const condition = (): Schema =>
  obj(
    {
      type: str({ maxLength: 316, pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$' }),
      status: oneOf(['True', 'False', 'Unknown']),
      observedGeneration: int64({ minimum: 0 }),
      lastTransitionTime: dateTime(),
      reason: str({ maxLength: 1024, minLength: 1, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' }),
      message: str({ maxLength: 32768 }),
    },
    ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
  );

export const conditions = (): Schema => listMap(arr(condition()), ['type']);

/** Cluster API style condition (severity, optional reason/message). */
export const capiCondition = (): Schema =>
  obj(
    {
      type: str(),
      status: str(),
      severity: str(),
      lastTransitionTime: dateTime(),
      reason: str(),
      message: str(),
    },
    ['lastTransitionTime', 'status', 'type'],
  );

/** A condition as older or third-party APIs write it: only type and status are required. */
export const looseCondition = (): Schema =>
  obj(
    {
      type: str(),
      status: str(),
      observedGeneration: int64(),
      lastTransitionTime: dateTime(),
      lastUpdateTime: dateTime(),
      reason: str(),
      message: str(),
    },
    ['type', 'status'],
  );

export const toleration = (): Schema =>
  obj({
    effect: str(),
    key: str(),
    operator: str(),
    tolerationSeconds: int64(),
    value: str(),
  });

export const taint = (): Schema =>
  obj({ effect: str(), key: str(), timeAdded: dateTime(), value: str() }, ['effect', 'key']);

export const resourceList = (): Schema => mapOf(quantity());

export const resourceRequirements = (): Schema =>
  obj({
    claims: listMap(arr(obj({ name: str(), request: str() }, ['name'])), ['name']),
    limits: resourceList(),
    requests: resourceList(),
  });

/** ObjectMeta inside an embedded template: typed, so labels and annotations are not pruned. */
export const embeddedObjectMeta = (): Schema =>
  obj({
    annotations: stringMap(),
    finalizers: strings(),
    generateName: str(),
    labels: stringMap(),
    name: str(),
    namespace: str(),
  });

/**
 * corev1.PodTemplateSpec. The PodSpec is kept whole: its full schema belongs to the built-in Pod kind, and a
 * member cluster validates it again when the workload lands there.
 */
export const podTemplateSpec = (): Schema =>
  obj({
    metadata: embeddedObjectMeta(),
    spec: freeObject({ description: 'corev1.PodSpec, validated by the cluster that runs the pod.' }),
  });

/** corev1.NodeSelector (required node affinity). */
export const nodeSelector = (): Schema =>
  obj(
    {
      nodeSelectorTerms: arr(
        obj({
          matchExpressions: arr(labelSelectorRequirement()),
          matchFields: arr(labelSelectorRequirement()),
        }),
      ),
    },
    ['nodeSelectorTerms'],
  );

export const crossNamespaceReference = (required: string[] = ['name']): Schema =>
  obj({ apiVersion: str(), kind: str(), name: str(), namespace: str() }, required);

export const keyValueEnv = (): Schema => arr(obj({ name: str(), value: str(), valueFrom: freeObject() }, ['name']));
