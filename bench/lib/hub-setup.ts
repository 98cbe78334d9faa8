// Setup steps the hub scenarios share: namespaces, preloading objects, a client into the hub, and how the
// load generator and the hub used the CPU during a measured run.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpClient, type HttpClient } from '../../src/client/http.js';
import { agentFor, inParallel, sendOk, type Endpoint } from './endpoint.js';
import type { ProcessHandle } from './processes.js';
import { round } from './stats.js';
import type { WrkResult } from './wrk.js';

export async function createNamespace(endpoint: Endpoint, name: string): Promise<void> {
  await sendOk(endpoint, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

export function configMap(namespace: string, name: string, payloadBytes: number): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { payload: 'x'.repeat(payloadBytes) } };
}

/** Creates namePrefix-0..count-1 with a few requests in flight. */
export async function preloadConfigMaps(endpoint: Endpoint, namespace: string, namePrefix: string, count: number, payloadBytes: number): Promise<void> {
  const agent = agentFor(endpoint, 16);
  const indexes = Array.from({ length: count }, (_, i) => i);
  await inParallel(indexes, 16, async (i) => {
    await sendOk(endpoint, 'POST', `/api/v1/namespaces/${namespace}/configmaps`, configMap(namespace, `${namePrefix}-${i}`, payloadBytes), agent);
  });
  agent.destroy();
}

/** An HTTP client into the hub with the benchmark's own credentials. */
export function hubClient(endpoint: Endpoint): HttpClient {
  return createHttpClient({ server: endpoint.url, ...(endpoint.token ? { token: endpoint.token } : {}), ...(endpoint.ca ? { ca: endpoint.ca } : { insecureSkipTlsVerify: true }) }, { maxSockets: 16 });
}

export function freshDir(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** CPU seconds of a process over a measured window: call before, then call the returned function after. */
export function cpuWindow(process: Pick<ProcessHandle, 'cpuSeconds'>): () => number {
  return growthOf(() => process.cpuSeconds());
}

/** The same for the process's main (JavaScript) thread alone. */
export function mainThreadCpuWindow(process: Pick<ProcessHandle, 'mainThreadCpuSeconds'>): () => number {
  return growthOf(() => process.mainThreadCpuSeconds());
}

/** How much a reading has grown since now, whenever asked. */
function growthOf(read: () => number): () => number {
  const before = read();
  return () => read() - before;
}

/** Seconds spread over a count, in microseconds each. */
export function microsPer(seconds: number, count: number): number {
  return count > 0 ? (seconds * 1e6) / count : Number.NaN;
}

export function wrkNote(result: WrkResult, what: string): string {
  const share = round(result.cpuShareOfCore * 100, 0);
  const verdict =
    result.cpuShareOfCore < 0.5 ? 'not the bottleneck' : 'with the server on the other core the 2-core machine was nearly full, so this rate is a lower bound for the server';
  return `${what}: wrk (its own process) used ${share}% of one core over ${round(result.seconds, 1)} s: ${verdict}`;
}
