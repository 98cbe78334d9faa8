// core/v1 PersistentVolume.

import { objectReference, secretReference } from './meta.js';
import {
  boolean, dateTime, enumString, object, preserved, quantityMap, string, stringList, stringMap,
} from './schema-builders.js';
import { accessModes, hostPathVolumeSource, nfsVolumeSource, volumeMode } from './volume.js';
import { nodeSelector } from './scheduling.js';
import { AGE_COLUMN, accessModesText, arrayAt, at, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';
import { phaseOrTerminating, storageClassOf } from './persistent-volume-claim.js';

const csiSource = object(
  {
    driver: string(),
    volumeHandle: string(),
    readOnly: boolean(),
    fsType: string(),
    volumeAttributes: stringMap(),
    controllerPublishSecretRef: secretReference,
    nodeStageSecretRef: secretReference,
    nodePublishSecretRef: secretReference,
    controllerExpandSecretRef: secretReference,
    nodeExpandSecretRef: secretReference,
  },
  { required: ['driver', 'volumeHandle'] },
);

/** In-tree plugins (deprecated upstream) are kept as written. */
const legacySources = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'fc', 'flexVolume', 'flocker',
  'gcePersistentDisk', 'glusterfs', 'iscsi', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO',
  'storageos', 'vsphereVolume',
] as const;

const pvSpec = object(
  {
    capacity: quantityMap({ description: 'Size of the volume, e.g. {storage: 10Gi}.' }),
    hostPath: hostPathVolumeSource,
    nfs: nfsVolumeSource,
    local: object({ path: string(), fsType: string() }, { required: ['path'] }),
    csi: csiSource,
    ...Object.fromEntries(legacySources.map((name) => [name, preserved()])),
    accessModes,
    claimRef: { ...objectReference, 'x-kubernetes-map-type': 'granular' },
    persistentVolumeReclaimPolicy: enumString(['Delete', 'Recycle', 'Retain'], { default: 'Retain' }),
    storageClassName: string(),
    mountOptions: stringList(),
    volumeMode: { ...volumeMode, default: 'Filesystem' },
    nodeAffinity: object({ required: nodeSelector }),
    volumeAttributesClassName: string(),
  },
  { description: 'Where the storage lives and how it may be claimed.' },
);

export const persistentVolumeKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  generation: false,
  plural: 'persistentvolumes',
  namespaced: false,
  shortNames: ['pv'],
  status: true,
  description: 'A piece of storage in the cluster, provisioned by an administrator or a storage class.',
  properties: {
    spec: pvSpec,
    status: object(
      {
        phase: enumString(['Available', 'Bound', 'Failed', 'Pending', 'Released']),
        message: string(),
        reason: string(),
        lastPhaseTransitionTime: dateTime(),
      },
      { description: 'Observed state: phase and the reason for it.' },
    ),
  },
  printerColumns: [
    { name: 'Capacity', type: 'string', description: 'Storage capacity.', value: (o) => String(stringAt(o, 'spec', 'capacity', 'storage') ?? '0') },
    { name: 'Access Modes', type: 'string', description: 'How the volume can be mounted.', value: (o) => accessModesText(arrayAt(o, 'spec', 'accessModes')) },
    {
      name: 'Reclaim Policy',
      type: 'string',
      description: 'What happens to the volume when released.',
      value: (o) => stringAt(o, 'spec', 'persistentVolumeReclaimPolicy') ?? '',
    },
    { name: 'Status', type: 'string', description: 'Phase of the volume.', value: phaseOrTerminating },
    {
      name: 'Claim',
      type: 'string',
      description: 'The claim bound to the volume.',
      value: (o) =>
        at(o, 'spec', 'claimRef') === undefined
          ? ''
          : `${stringAt(o, 'spec', 'claimRef', 'namespace') ?? ''}/${stringAt(o, 'spec', 'claimRef', 'name') ?? ''}`,
    },
    { name: 'StorageClass', type: 'string', description: 'StorageClass of the volume.', value: (o) => storageClassOf(o, ['spec', 'storageClassName']) },
    {
      name: 'VolumeAttributesClass',
      type: 'string',
      description: 'VolumeAttributesClass of the volume.',
      value: (o) => stringAt(o, 'spec', 'volumeAttributesClassName') ?? '<unset>',
    },
    { name: 'Reason', type: 'string', description: 'Why the volume is in its phase.', value: (o) => stringAt(o, 'status', 'reason') ?? '' },
    AGE_COLUMN,
    { name: 'VolumeMode', type: 'string', priority: 1, description: 'Filesystem or Block.', value: (o) => stringAt(o, 'spec', 'volumeMode') ?? '<unset>' },
  ],
});
