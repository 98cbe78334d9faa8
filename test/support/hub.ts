// Starts a hub in this process on a free loopback port, with its own data directory, for a test. The hub
// is secure as in production (HTTPS with its own CA, authentication, RBAC): `kubeconfigPath` is the admin
// kubeconfig (CA + kurator-admin client certificate) for kubectl, client-node and HubClient (pass the
// TestHub itself); `security: { insecureHttp: true }` serves plain HTTP for tests about HTTP itself.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startHub, type Hub, type HubOptions } from '../../src/hub/hub.js';

export interface TestHub extends Hub {
  dataDir: string;
  /** Stops the hub and removes its data directory. */
  dispose(): Promise<void>;
}

export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kurator-test-')));
  const log = options.log ?? pino({ level: process.env.KURATOR_TEST_LOG ?? 'silent' });
  const hub = await startHub({ port: 0, address: '127.0.0.1', storage: 'sqlite', fsync: 'normal', ...options, dataDir, log });
  let stopped = false;
  return {
    ...hub,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await hub.stop();
    },
    async dispose() {
      if (!stopped) {
        stopped = true;
        await hub.stop();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
