// Writes a kubeconfig for a server URL (the hub's, or a logical cluster's), with the CA to trust and the
// client certificate to present when there are.

import { stringify } from 'yaml';

export interface KubeconfigOptions {
  server: string;
  clusterName: string;
  user?: string;
  namespace?: string;
  /** PEM of the CA that signs the server's certificate. */
  caPem?: string;
  /** PEM client certificate and key the user authenticates with. */
  clientCertPem?: string;
  clientKeyPem?: string;
}

const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

export function kubeconfigYaml(options: KubeconfigOptions): string {
  const user = options.user ?? 'admin';
  const cluster: Record<string, unknown> = { server: options.server };
  if (options.caPem) cluster['certificate-authority-data'] = base64(options.caPem);
  // client-node refuses plain-HTTP servers unless TLS verification is marked as skipped; there is no
  // TLS to verify on an http:// server, so say so for the clients that need it.
  if (options.server.startsWith('http://')) cluster['insecure-skip-tls-verify'] = true;
  const credentials: Record<string, unknown> = {};
  if (options.clientCertPem && options.clientKeyPem) {
    credentials['client-certificate-data'] = base64(options.clientCertPem);
    credentials['client-key-data'] = base64(options.clientKeyPem);
  }
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: options.clusterName, cluster }],
    contexts: [{ name: options.clusterName, context: { cluster: options.clusterName, user, namespace: options.namespace ?? 'default' } }],
    'current-context': options.clusterName,
    users: [{ name: user, user: credentials }],
    preferences: {},
  });
}
