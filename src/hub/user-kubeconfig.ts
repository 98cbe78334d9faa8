// `kurator create user`: a client certificate signed by the hub CA (CN = user, O = groups) in a
// kubeconfig for the hub, taking the server URL and CA from the hub's admin kubeconfig.

import { dirname, join } from 'node:path';
import { loadKubeconfig, type RestConfig } from '../client/kubeconfig.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { readIfExists, writePrivate } from '../security/files.js';
import { hubPkiPaths } from '../security/hub-pki.js';
import { issueCertificate } from '../security/pki.js';

export interface UserKubeconfigRequest {
  dataDir: string;
  name: string;
  groups: string[];
  validDays: number;
  /** Where to write it (default: <data-dir>/users/<name>.kubeconfig). */
  out?: string;
  /** The hub URL (default: the one in <data-dir>/kubeconfig). */
  server?: string;
}

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@:+-]*$/;

/** The server URL and CA (PEM) of the admin kubeconfig's current context. */
function hubCluster(text: string, path: string): { server: string; caPem?: string } {
  let config: RestConfig;
  try {
    config = loadKubeconfig(text, undefined, { baseDir: dirname(path) });
  } catch (error) {
    throw new Error(`cannot use the hub's admin kubeconfig ${path}: ${(error as Error).message}`);
  }
  return config.ca ? { server: config.server, caPem: config.ca } : { server: config.server };
}

/** Issues the certificate and writes the kubeconfig; returns its path. */
export async function createUserKubeconfig(request: UserKubeconfigRequest): Promise<string> {
  if (!USER_NAME.test(request.name)) throw new Error(`user name ${JSON.stringify(request.name)} must start with a letter or digit and contain only letters, digits and . _ @ : + -`);
  const paths = hubPkiPaths(request.dataDir);
  const [caCert, caKey] = await Promise.all([readIfExists(paths.caCert), readIfExists(paths.caKey)]);
  if (!caCert || !caKey) throw new Error(`there is no hub CA in ${paths.dir}; start the hub once with --data-dir ${request.dataDir} (it creates the CA), or pass the --data-dir the hub uses`);
  const adminPath = join(request.dataDir, 'kubeconfig');
  const admin = await readIfExists(adminPath);
  const hub = admin ? hubCluster(admin, adminPath) : undefined;
  const server = request.server ?? hub?.server;
  if (!server) throw new Error(`cannot tell the hub's URL: ${adminPath} is missing; pass --server https://HOST:PORT`);
  const issued = await issueCertificate({ certPem: caCert, keyPem: caKey }, { commonName: request.name, organizations: request.groups, usage: 'client', validDays: request.validDays });
  // The admin kubeconfig carries the CA to trust only when the hub serves with its own certificate.
  const caPem = hub ? hub.caPem : caCert;
  const out = request.out ?? join(request.dataDir, 'users', `${request.name.replace(/:/g, '_')}.kubeconfig`);
  await writePrivate(out, kubeconfigYaml({ server, clusterName: 'kurator-hub', user: request.name, ...(caPem ? { caPem } : {}), clientCertPem: issued.certPem, clientKeyPem: issued.keyPem }));
  return out;
}
