// Helpers shared by the client tests: a real logical cluster on a memory store, and polling.

import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../api/builtin/index.js';
import { ApiServer } from '../apiserver/api-server.js';
import type { LogicalCluster } from '../apiserver/logical-cluster.js';
import type { KubeObject } from '../machinery/object.js';
import { createMemoryStore } from '../storage/memory.js';

export interface TestCluster {
  cluster: LogicalCluster;
  stop(): Promise<void>;
}

export async function startTestCluster(options: { historyCapacity?: number } = {}): Promise<TestCluster> {
  const server = new ApiServer({ log: pino({ level: 'silent' }), builtins: builtinKinds, namespaceRecheckMs: 50 });
  const cluster = await server.addCluster('', createMemoryStore(options));
  return { cluster, stop: () => server.close() };
}

export function configMap(name: string, data: Record<string, string> = {}, namespace = 'default', labels?: Record<string, string>): KubeObject {
  const metadata: KubeObject['metadata'] = { name, namespace };
  if (labels) metadata.labels = labels;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
