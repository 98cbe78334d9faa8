// propagateDeps: the namespaced objects a workload's pods need in every cluster the workload goes to. Follows
// Karmada's default dependency interpreter: ConfigMaps and Secrets referenced from volumes (including
// projected and CSI/volume-plugin secret refs), env and envFrom of every container (init and ephemeral too)
// and imagePullSecrets; the ServiceAccount unless it is "default"; PersistentVolumeClaims mounted as volumes.
// Ingress TLS secrets are included as upstream does.

import { isPlainObject, type KubeObject } from '../../../machinery/object.js';
import { podSpecOf } from './pod-template.js';

export type DependentKind = 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PersistentVolumeClaim';

export interface DependentRef {
  apiVersion: 'v1';
  kind: DependentKind;
  namespace?: string;
  name: string;
}

type Json = Record<string, unknown>;

const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isPlainObject) : []);
const child = (value: unknown, key: string): Json | undefined => (isPlainObject(value) && isPlainObject(value[key]) ? value[key] : undefined);
const text = (value: unknown, key: string): string | undefined => {
  const v = isPlainObject(value) ? value[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
};

function add(set: Set<string>, name: string | undefined): void {
  if (name) set.add(name);
}

/** Volume plugins that reference a Secret through `secretRef.name`. */
const SECRET_REF_PLUGINS = ['cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos'];

function collectFromVolumes(volumes: Json[], configMaps: Set<string>, secrets: Set<string>, claims: Set<string>): void {
  for (const volume of volumes) {
    add(configMaps, text(child(volume, 'configMap'), 'name'));
    add(secrets, text(child(volume, 'secret'), 'secretName'));
    add(secrets, text(child(volume, 'azureFile'), 'secretName'));
    for (const plugin of SECRET_REF_PLUGINS) add(secrets, text(child(child(volume, plugin), 'secretRef'), 'name'));
    add(secrets, text(child(child(volume, 'csi'), 'nodePublishSecretRef'), 'name'));
    add(claims, text(child(volume, 'persistentVolumeClaim'), 'claimName'));
    for (const source of objects(child(volume, 'projected')?.sources)) {
      add(configMaps, text(child(source, 'configMap'), 'name'));
      add(secrets, text(child(source, 'secret'), 'name'));
    }
  }
}

function collectFromContainers(containers: Json[], configMaps: Set<string>, secrets: Set<string>): void {
  for (const container of containers) {
    for (const source of objects(container.envFrom)) {
      add(configMaps, text(child(source, 'configMapRef'), 'name'));
      add(secrets, text(child(source, 'secretRef'), 'name'));
    }
    for (const env of objects(container.env)) {
      const from = child(env, 'valueFrom');
      add(configMaps, text(child(from, 'configMapKeyRef'), 'name'));
      add(secrets, text(child(from, 'secretKeyRef'), 'name'));
    }
  }
}

function refs(kind: DependentKind, names: Set<string>, namespace: string | undefined): DependentRef[] {
  return [...names].sort().map((name) => (namespace ? { apiVersion: 'v1', kind, namespace, name } : { apiVersion: 'v1', kind, name }));
}

/** The objects `workload` depends on, grouped by kind (ConfigMap, Secret, ServiceAccount, PVC), names sorted. */
export function dependenciesOf(workload: KubeObject): DependentRef[] {
  const namespace = workload.metadata.namespace;
  if (workload.kind === 'Ingress') {
    const secrets = new Set<string>();
    for (const tls of objects(child(workload, 'spec')?.tls)) add(secrets, text(tls, 'secretName'));
    return refs('Secret', secrets, namespace);
  }

  const spec = podSpecOf(workload);
  if (!spec) return [];
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const serviceAccounts = new Set<string>();
  const claims = new Set<string>();

  for (const ref of objects(spec.imagePullSecrets)) add(secrets, text(ref, 'name'));
  collectFromContainers([...objects(spec.initContainers), ...objects(spec.containers), ...objects(spec.ephemeralContainers)], configMaps, secrets);
  collectFromVolumes(objects(spec.volumes), configMaps, secrets, claims);
  const serviceAccount = text(spec, 'serviceAccountName');
  if (serviceAccount !== 'default') add(serviceAccounts, serviceAccount);

  return [
    ...refs('ConfigMap', configMaps, namespace),
    ...refs('Secret', secrets, namespace),
    ...refs('ServiceAccount', serviceAccounts, namespace),
    ...refs('PersistentVolumeClaim', claims, namespace),
  ];
}
