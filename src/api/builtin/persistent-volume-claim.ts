// core/v1 PersistentVolumeClaim.

import type { KubeObject } from '../../machinery/object.js';
import { condition, conditionList } from './meta.js';
import { enumString, mapOf, object, quantityMap, string } from './schema-builders.js';
import { accessModes, persistentVolumeClaimSpec } from './volume.js';
import { AGE_COLUMN, accessModesText, arrayAt, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

const pvcStatus = object(
  {
    phase: enumString(['Bound', 'Lost', 'Pending']),
    accessModes,
    capacity: quantityMap(),
    conditions: conditionList(condition(['lastProbeTime', 'lastTransitionTime'])),
    allocatedResources: quantityMap(),
    allocatedResourceStatuses: mapOf(string(), { 'x-kubernetes-map-type': 'granular' }),
    currentVolumeAttributesClassName: string(),
    modifyVolumeStatus: object(
      { targetVolumeAttributesClassName: string(), status: enumString(['InProgress', 'Infeasible', 'Pending']) },
      { required: ['status'] },
    ),
  },
  { description: 'Observed state: phase, bound capacity and access modes.' },
);

/** STORAGECLASS: the legacy beta annotation wins over spec.storageClassName, as upstream. */
export function storageClassOf(object: KubeObject, specField: string[]): string {
  const annotated = object.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (annotated !== undefined) return annotated;
  return stringAt(object, ...specField) ?? '';
}

/** STATUS of claims and volumes: the phase, or Terminating once deletion started. */
export function phaseOrTerminating(object: KubeObject): string {
  return object.metadata.deletionTimestamp ? 'Terminating' : stringAt(object, 'status', 'phase') ?? '';
}

export const persistentVolumeClaimKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  generation: false,
  plural: 'persistentvolumeclaims',
  namespaced: true,
  shortNames: ['pvc'],
  status: true,
  description: "A user's request for storage, bound to a PersistentVolume.",
  properties: {
    spec: { ...persistentVolumeClaimSpec, description: 'Requested storage: size, access modes, class.' },
    status: pvcStatus,
  },
  printerColumns: [
    { name: 'Status', type: 'string', description: 'Phase of the claim.', value: phaseOrTerminating },
    { name: 'Volume', type: 'string', description: 'The bound volume.', value: (o) => stringAt(o, 'spec', 'volumeName') ?? '' },
    {
      name: 'Capacity',
      type: 'string',
      description: 'Capacity of the bound volume.',
      value: (o) => (stringAt(o, 'spec', 'volumeName') ? String(stringAt(o, 'status', 'capacity', 'storage') ?? '0') : ''),
    },
    {
      name: 'Access Modes',
      type: 'string',
      description: 'Access modes of the bound volume.',
      value: (o) => (stringAt(o, 'spec', 'volumeName') ? accessModesText(arrayAt(o, 'status', 'accessModes')) : ''),
    },
    { name: 'StorageClass', type: 'string', description: 'StorageClass of the claim.', value: (o) => storageClassOf(o, ['spec', 'storageClassName']) },
    {
      name: 'VolumeAttributesClass',
      type: 'string',
      description: 'VolumeAttributesClass of the claim.',
      value: (o) => stringAt(o, 'spec', 'volumeAttributesClassName') ?? '<unset>',
    },
    AGE_COLUMN,
    { name: 'VolumeMode', type: 'string', priority: 1, description: 'Filesystem or Block.', value: (o) => stringAt(o, 'spec', 'volumeMode') ?? '<unset>' },
  ],
});
