// Starts the hub: storage, the API server with every built-in kind and the hub's CRDs, the listener,
// the kubeconfig under the data directory, and periodic compaction.

import { mkdir } from 'node:fs/promises';
import { writePrivate } from '../security/files.js';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { builtinKinds } from '../api/builtin/index.js';
import { hubCrds } from '../api/crds/index.js';
import { ApiServer, type ApiServerOptions } from '../apiserver/api-server.js';
import { openStore, type EtcdStoreOptions } from '../storage/index.js';
import { prepareEncryptionAtRest } from '../security/encryption/index.js';
import type { Store } from '../storage/store.js';
import { clientHost, prepareHubSecurity, type HubSecurityOptions } from './security.js';
import type { HubPkiPaths } from '../security/hub-pki.js';
import { createInProcessClient } from '../client/inprocess.js';
import type { ControllerOptions } from '../controllers/env.js';
import { CONTROLLER_IDENTITY, HubControllers } from './hub-controllers.js';
import type { LeaderElectionConfig } from './leader-election.js';
import { alwaysLead, electLeader } from './leadership.js';

export interface HubOptions {
  dataDir: string;
  port: number;
  address: string;
  log: Logger;
  /** 'sqlite' (default, durable) or 'memory' (tests). */
  storage?: 'sqlite' | 'memory';
  fsync?: 'full' | 'normal';
  compactIntervalMs?: number;
  /** Revisions kept behind the latest on compaction (watch resume window). */
  compactRetain?: number;
  server?: Partial<Omit<ApiServerOptions, 'log' | 'builtins'>>;
  /** Controllers to run (default: all); false runs none. */
  controllers?: readonly string[] | false;
  controllerOptions?: Partial<ControllerOptions>;
  /** Keep everything in etcd instead of SQLite. Several hubs may share it; they elect one to run the controllers. */
  etcd?: Pick<EtcdStoreOptions, 'endpoints' | 'prefix' | 'tls' | 'requestTimeoutMs'>;
  /** Lease timing and identity of the leader election (etcd only). */
  leaderElection?: Partial<LeaderElectionConfig>;
  /** EncryptionConfiguration for values at rest (durable storage only); default: generated in dataDir. */
  encryptionProviderConfig?: string;
  /** TLS, authentication, authorization and audit (default: TLS with generated certificates, RBAC). */
  security?: HubSecurityOptions;
}

export interface Hub {
  server: ApiServer;
  store: Store;
  url: string;
  port: number;
  kubeconfigPath: string;
  /** The hub's CA, serving and admin certificates (absent with --insecure-http). */
  pki?: HubPkiPaths;
  stop(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<Hub> {
  await mkdir(options.dataDir, { recursive: true });
  const started = Date.now();
  const encryption = options.storage === 'memory' ? undefined : await prepareEncryptionAtRest({ dataDir: options.dataDir, configFile: options.encryptionProviderConfig, log: options.log });
  const store = options.etcd ? await openStore({ kind: 'etcd', ...options.etcd, log: options.log }, { transformer: encryption?.transformer }) : options.storage === 'memory' ? openStore({ kind: 'memory' }) : openStore({ kind: 'sqlite', path: join(options.dataDir, 'hub.db'), fsync: options.fsync ?? 'full' }, { transformer: encryption?.transformer });
  encryption?.reencryptStale(store);
  const security = await prepareHubSecurity(options.dataDir, options.address, options.log, options.security ?? {}, () => server.clusters.get(''));
  const server = new ApiServer({ log: options.log, builtins: builtinKinds, ...security.server, ...options.server });
  const root = await server.addCluster('', store, hubCrds);
  const controllers = new HubControllers(root, options);
  const inProcess = createInProcessClient(root, { fieldManager: 'kurator-leader-election', user: CONTROLLER_IDENTITY });
  const leadership = options.etcd ? electLeader(inProcess, options.leaderElection ?? {}, controllers, options.log) : await alwaysLead(controllers);
  const address = await server.listen(options.port, options.address, security.tls);
  const url = `${security.scheme}://${clientHost(address.address)}:${address.port}`;
  const kubeconfigPath = join(options.dataDir, 'kubeconfig');
  // It holds the admin key: always 0600, even over a file an older hub left readable.
  await writePrivate(kubeconfigPath, security.adminKubeconfig(url));
  server.markReady();
  options.log.info({ url, kubeconfig: kubeconfigPath, revision: store.revision, startMs: Date.now() - started }, 'hub serving');

  const retain = options.compactRetain ?? 10_000;
  const compactTimer = setInterval(() => {
    if (!leadership.isLeader) return;
    const target = store.revision - retain;
    if (target > store.compactedRevision) store.compact(target).catch((err: unknown) => options.log.warn({ err }, 'compaction failed'));
  }, options.compactIntervalMs ?? 5 * 60_000);
  compactTimer.unref();

  return {
    server,
    store,
    url,
    port: address.port,
    kubeconfigPath,
    ...(security.pki ? { pki: security.pki } : {}),
    async stop() {
      clearInterval(compactTimer);
      await leadership.stop();
      await server.close();
      await security.close();
    },
  };
}
