// Starts the hub: storage, the API server with every built-in kind and the hub's CRDs, the listener,
// the kubeconfig under the data directory, and periodic compaction.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { builtinKinds } from '../api/builtin/index.js';
import { hubCrds } from '../api/crds/index.js';
import { ApiServer, type ApiServerOptions } from '../apiserver/api-server.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { createInProcessClient } from '../client/inprocess.js';
import { ControllerManager } from '../client/manager.js';
import { EventRecorder } from '../client/event-recorder.js';
import { MemberConnections } from '../client/member-connections.js';
import { setupControllers } from '../controllers/index.js';
import { DEFAULT_CONTROLLER_OPTIONS, type ControllerOptions } from '../controllers/env.js';

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
}

export interface Hub {
  server: ApiServer;
  store: Store;
  url: string;
  port: number;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<Hub> {
  await mkdir(options.dataDir, { recursive: true });
  const started = Date.now();
  const store = options.storage === 'memory' ? openStore({ kind: 'memory' }) : openStore({ kind: 'sqlite', path: join(options.dataDir, 'hub.db'), fsync: options.fsync ?? 'full' });
  const server = new ApiServer({ log: options.log, builtins: builtinKinds, ...options.server });
  const root = await server.addCluster('', store, hubCrds);
  const members = new MemberConnections({ fieldManager: 'kurator' });
  const manager = new ControllerManager(createInProcessClient(root, { fieldManager: 'kurator' }), { log: options.log });
  if (options.controllers !== false) {
    const resolveKind = (apiVersion: string, kind: string) => {
      const served = root.kinds.resolveKind(apiVersion, kind);
      if (!served) return undefined;
      const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
      return { group: served.group, version, resource: served.definition.plural, kind: served.definition.kind, namespaced: served.definition.namespaced };
    };
    const client = createInProcessClient(root, { fieldManager: 'kurator' });
    const env = { client, manager, members, log: options.log, events: new EventRecorder(client, options.log), options: { ...DEFAULT_CONTROLLER_OPTIONS, ...options.controllerOptions }, resolveKind };
    setupControllers(env, options.controllers);
  }
  await manager.start();
  const address = await server.listen(options.port, options.address);
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const kubeconfigPath = join(options.dataDir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfigYaml({ server: url, clusterName: 'kurator-hub' }), { mode: 0o600 });
  server.markReady();
  options.log.info({ url, kubeconfig: kubeconfigPath, revision: store.revision, startMs: Date.now() - started }, 'hub serving');

  const retain = options.compactRetain ?? 10_000;
  const compactTimer = setInterval(() => {
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
    async stop() {
      clearInterval(compactTimer);
      manager.stop();
      members.closeAll();
      await server.close();
    },
  };
}
