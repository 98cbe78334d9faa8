// Shared metav1 and core/v1 reference shapes: ObjectMeta (for embedded templates), LabelSelector,
// object references and the condition shapes used by status blocks.

import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import {
  atomicObject, boolean, dateTime, enumString, int64, list, mapList, object, patchMerge, preserved, setList,
  string, stringList, stringMap, type SchemaExtras,
} from './schema-builders.js';

export const ownerReference = atomicObject(
  {
    apiVersion: string(),
    kind: string(),
    name: string(),
    uid: string(),
    controller: boolean(),
    blockOwnerDeletion: boolean(),
  },
  { required: ['apiVersion', 'kind', 'name', 'uid'] },
);

const managedFieldsEntry = object({
  manager: string(),
  operation: string(),
  apiVersion: string(),
  time: dateTime(),
  fieldsType: string(),
  fieldsV1: preserved(),
  subresource: string(),
});

/** ObjectMeta as it appears inside templates (the root metadata is handled by the server itself). */
export const objectMeta = object(
  {
    name: string(),
    generateName: string(),
    namespace: string(),
    selfLink: string(),
    uid: string(),
    resourceVersion: string(),
    generation: int64(),
    // Templates written by Go clients carry `creationTimestamp: null`.
    // Go clients send `creationTimestamp: null`; a null for a non-nullable field is dropped, as Go decoding does.
    creationTimestamp: dateTime(),
    deletionTimestamp: dateTime(),
    deletionGracePeriodSeconds: int64(),
    labels: stringMap(),
    annotations: stringMap(),
    ownerReferences: mapList(ownerReference, ['uid'], patchMerge('uid')),
    finalizers: setList(string(), patchMerge(undefined)),
    managedFields: list(managedFieldsEntry),
  },
  { description: 'Metadata of the objects created from this template.' },
);

const labelSelectorRequirement = object(
  {
    key: string(),
    operator: string({ description: 'In, NotIn, Exists or DoesNotExist.' }),
    values: stringList(),
  },
  { required: ['key', 'operator'] },
);

export function labelSelector(extras: SchemaExtras = {}): JSONSchemaProps {
  return atomicObject({ matchLabels: stringMap(), matchExpressions: list(labelSelectorRequirement) }, extras);
}

export const localObjectReference = atomicObject({ name: string({ default: '' }) });

export const objectReference = atomicObject({
  kind: string(),
  namespace: string(),
  name: string(),
  uid: string(),
  apiVersion: string(),
  resourceVersion: string(),
  fieldPath: string(),
});

export const typedLocalObjectReference = atomicObject(
  { apiGroup: string(), kind: string(), name: string() },
  { required: ['kind', 'name'] },
);

export const typedObjectReference = object(
  { apiGroup: string(), kind: string(), name: string(), namespace: string() },
  { required: ['kind', 'name'] },
);

export const secretReference = atomicObject({ name: string(), namespace: string() });

const conditionStatus = enumString(['True', 'False', 'Unknown']);

/** metav1.Condition, used by newer APIs (Service status, CRD-style conditions). */
export const metaCondition = object(
  {
    type: string(),
    status: conditionStatus,
    observedGeneration: int64(),
    lastTransitionTime: dateTime(),
    reason: string(),
    message: string(),
  },
  { required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'] },
);

/** The per-API condition structs (DeploymentCondition, PodCondition, ...): type and status are required. */
export function condition(timeFields: readonly string[] = ['lastTransitionTime']): JSONSchemaProps {
  const properties: Record<string, JSONSchemaProps> = { type: string(), status: string() };
  for (const field of timeFields) properties[field] = dateTime();
  properties.reason = string();
  properties.message = string();
  return object(properties, { required: ['type', 'status'] });
}

/** Conditions merged by type (the common `+listType=map +listMapKey=type` + `patchMergeKey=type` form). */
export function conditionList(item: JSONSchemaProps = condition(), extras: SchemaExtras = {}): JSONSchemaProps {
  return mapList(item, ['type'], { ...patchMerge('type'), ...extras });
}
