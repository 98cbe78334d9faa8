// storage.k8s.io/v1 StorageClass.

import { boolean, enumString, list, object, string, stringList, stringMap } from './schema-builders.js';
import { AGE_COLUMN, boolAt, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

const topologySelectorTerm = object(
  {
    matchLabelExpressions: list(object({ key: string(), values: stringList() }, { required: ['key', 'values'] })),
  },
  { 'x-kubernetes-map-type': 'atomic' },
);

export const storageClassKind = defineKind({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  generation: false,
  plural: 'storageclasses',
  namespaced: false,
  shortNames: ['sc'],
  description: 'A class of storage that persistent volumes are dynamically provisioned from.',
  required: ['provisioner'],
  properties: {
    provisioner: string({ description: 'The volume plugin or CSI driver that provisions volumes.' }),
    parameters: stringMap({ description: 'Provisioner-specific parameters.' }),
    reclaimPolicy: enumString(['Delete', 'Recycle', 'Retain'], { default: 'Delete', description: 'Reclaim policy of provisioned volumes.' }),
    mountOptions: stringList({ description: 'Mount options of provisioned volumes.' }),
    allowVolumeExpansion: boolean({ description: 'Whether claims of this class may grow.' }),
    volumeBindingMode: enumString(['Immediate', 'WaitForFirstConsumer'], {
      default: 'Immediate',
      description: 'When volumes are provisioned and bound.',
    }),
    allowedTopologies: list(topologySelectorTerm, { description: 'Topologies volumes may be provisioned in.' }),
  },
  printerColumns: [
    { name: 'Provisioner', type: 'string', description: 'The provisioner.', value: (o) => stringAt(o, 'provisioner') ?? '' },
    { name: 'ReclaimPolicy', type: 'string', description: 'Reclaim policy.', value: (o) => stringAt(o, 'reclaimPolicy') ?? 'Delete' },
    {
      name: 'VolumeBindingMode',
      type: 'string',
      description: 'Binding mode.',
      value: (o) => stringAt(o, 'volumeBindingMode') ?? 'Immediate',
    },
    {
      name: 'AllowVolumeExpansion',
      type: 'boolean',
      description: 'Whether claims may grow.',
      value: (o) => boolAt(o, 'allowVolumeExpansion') ?? false,
    },
    AGE_COLUMN,
  ],
});
