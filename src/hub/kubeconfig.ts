// Writes a kubeconfig for a server URL (the hub's, or a logical cluster's).

import { stringify } from 'yaml';

export function kubeconfigYaml(options: { server: string; clusterName: string; user?: string; namespace?: string }): string {
  const user = options.user ?? 'admin';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // client-node refuses plain-HTTP servers unless TLS verification is marked as skipped; there is no
    // TLS to verify on an http:// server, so say so for the clients that need it.
    clusters: [{ name: options.clusterName, cluster: options.server.startsWith('http://') ? { server: options.server, 'insecure-skip-tls-verify': true } : { server: options.server } }],
    contexts: [{ name: options.clusterName, context: { cluster: options.clusterName, user, namespace: options.namespace ?? 'default' } }],
    'current-context': options.clusterName,
    users: [{ name: user, user: {} }],
    preferences: {},
  });
}
