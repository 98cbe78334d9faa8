// core/v1 Volume with its sources, and the PersistentVolumeClaim spec that StatefulSet claim templates
// and ephemeral volumes embed. The in-tree cloud and network volume plugins (deprecated upstream) are
// kept verbatim rather than modelled field by field.

import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import {
  boolean, enumString, int32, int64, list, object, preserved, quantity, quantityMap, string, stringMap,
} from './schema-builders.js';
import { labelSelector, localObjectReference, objectMeta, typedLocalObjectReference, typedObjectReference } from './meta.js';
import { objectFieldSelector, resourceFieldSelector } from './container.js';

export const accessModes = list(enumString(['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']));

export const volumeMode = enumString(['Block', 'Filesystem']);

export const persistentVolumeClaimSpec = object({
  accessModes,
  selector: labelSelector(),
  resources: object({ limits: quantityMap(), requests: quantityMap() }),
  volumeName: string(),
  storageClassName: string(),
  volumeMode: { ...volumeMode, default: 'Filesystem' },
  dataSource: typedLocalObjectReference,
  dataSourceRef: typedObjectReference,
  volumeAttributesClassName: string(),
});

const keyToPath = object({ key: string(), path: string(), mode: int32() }, { required: ['key', 'path'] });

const downwardAPIVolumeFile = object(
  { path: string(), fieldRef: objectFieldSelector, resourceFieldRef: resourceFieldSelector, mode: int32() },
  { required: ['path'] },
);

const volumeProjection = object({
  secret: object({ name: string({ default: '' }), items: list(keyToPath), optional: boolean() }),
  configMap: object({ name: string({ default: '' }), items: list(keyToPath), optional: boolean() }),
  downwardAPI: object({ items: list(downwardAPIVolumeFile) }),
  serviceAccountToken: object(
    { audience: string(), expirationSeconds: int64({ default: 3600 }), path: string() },
    { required: ['path'] },
  ),
  clusterTrustBundle: object(
    { name: string(), signerName: string(), labelSelector: labelSelector(), optional: boolean(), path: string() },
    { required: ['path'] },
  ),
  podCertificate: object(
    {
      signerName: string(),
      keyType: string(),
      maxExpirationSeconds: int32(),
      credentialBundlePath: string(),
      keyPath: string(),
      certificateChainPath: string(),
    },
    { required: ['signerName', 'keyType'] },
  ),
});

export const hostPathVolumeSource = object(
  {
    path: string(),
    type: enumString(['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'], { default: '' }),
  },
  { required: ['path'] },
);

export const nfsVolumeSource = object(
  { server: string(), path: string(), readOnly: boolean() },
  { required: ['server', 'path'] },
);

/** Sources a user rarely writes by hand; valid content is kept as written. */
const legacySources = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'fc', 'flexVolume', 'flocker',
  'gcePersistentDisk', 'gitRepo', 'glusterfs', 'iscsi', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd',
  'scaleIO', 'storageos', 'vsphereVolume',
] as const;

function volumeSources(): Record<string, JSONSchemaProps> {
  const sources: Record<string, JSONSchemaProps> = {
    hostPath: hostPathVolumeSource,
    emptyDir: object({ medium: string(), sizeLimit: quantity() }),
    secret: object({
      secretName: string(),
      items: list(keyToPath),
      defaultMode: int32({ default: 420 }),
      optional: boolean(),
    }),
    nfs: nfsVolumeSource,
    persistentVolumeClaim: object({ claimName: string(), readOnly: boolean() }, { required: ['claimName'] }),
    downwardAPI: object({ items: list(downwardAPIVolumeFile), defaultMode: int32({ default: 420 }) }),
    configMap: object({
      name: string({ default: '' }),
      items: list(keyToPath),
      defaultMode: int32({ default: 420 }),
      optional: boolean(),
    }),
    projected: object({ sources: list(volumeProjection), defaultMode: int32({ default: 420 }) }),
    csi: object(
      {
        driver: string(),
        readOnly: boolean(),
        fsType: string(),
        volumeAttributes: stringMap(),
        nodePublishSecretRef: localObjectReference,
      },
      { required: ['driver'] },
    ),
    ephemeral: object({
      volumeClaimTemplate: object({ metadata: objectMeta, spec: persistentVolumeClaimSpec }, { required: ['spec'] }),
    }),
    image: object({ reference: string(), pullPolicy: enumString(['Always', 'IfNotPresent', 'Never']) }),
  };
  for (const name of legacySources) sources[name] = preserved();
  return sources;
}

export const volume = object(
  { name: string({ description: 'Volume name, referenced by volumeMounts (DNS label).' }), ...volumeSources() },
  { required: ['name'] },
);
