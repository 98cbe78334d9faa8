// Connecting to a member cluster from its registration object: the kubeconfig Secret it names, decoded
// and handed to the shared MemberConnections (one connection per cluster for every controller).

import type { Informer } from '../../client/controller-types.js';
import type { MemberConnection, MemberConnections } from '../../client/member-connections.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { clusterConnectionKey, kubeconfigRef } from './cluster-kinds.js';

export class MemberConnectError extends Error {
  constructor(
    readonly reason: 'KubeconfigMissing' | 'KubeconfigSecretInvalid' | 'KubeconfigInvalid',
    message: string,
  ) {
    super(message);
  }
}

export function connectMember(members: MemberConnections, secrets: Informer, cluster: KubeObject): MemberConnection {
  const ref = kubeconfigRef(cluster);
  if (!ref) {
    throw new MemberConnectError('KubeconfigMissing', cluster.kind === 'AttachedCluster' ? 'spec.kubeconfig.name must name a Secret holding the cluster kubeconfig' : 'spec.kubeconfigSecretRef.name must name a Secret holding the cluster kubeconfig');
  }
  const secret = secrets.get(ref.namespace, ref.name);
  const encoded = isPlainObject(secret?.data) ? secret.data[ref.key] : undefined;
  if (!secret || typeof encoded !== 'string') {
    const what = secret ? `has no key "${ref.key}"` : 'does not exist';
    throw new MemberConnectError('KubeconfigSecretInvalid', `Secret ${ref.namespace}/${ref.name} ${what}; store the cluster's kubeconfig there (kurator join does this)`);
  }
  try {
    // Decoded only when the connection is (re)made: this runs on every reconcile of every member's objects.
    return members.connect(clusterConnectionKey(cluster), () => Buffer.from(encoded, 'base64').toString('utf8'), secret.metadata.resourceVersion ?? '');
  } catch (error) {
    throw new MemberConnectError('KubeconfigInvalid', `the kubeconfig in Secret ${ref.namespace}/${ref.name} cannot be used: ${(error as Error).message}`);
  }
}
