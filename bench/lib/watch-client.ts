// The watch client process (bench/clients/watchers.ts) as the runners drive it: forked, given the hub and
// a collection, and waited on until every watch is open. Used by the watch scenario and watch-delivery.

import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ReadyMessage, StartMessage } from '../clients/watchers.js';
import { sendOk, type Endpoint } from './endpoint.js';
import { benchDist } from './paths.js';

/** The next message of `type` from the child; rejects when it exits first or none comes in time. */
export function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the watch client sent no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: { type: string }): void => {
      if (msg.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the watch client exited (${String(code)})`));
    });
  });
}

export interface WatchersOptions {
  watchers: number;
  /** Objects that will be written, named namePrefix + 0..expected-1. */
  expected: number;
  namePrefix: string;
}

/**
 * Forks the watch client and opens its watchers on the ConfigMaps of `namespace` from the collection's
 * current revision; resolves once all are open (throws, the child stopped, if any was refused).
 */
export async function openWatchers(endpoint: Endpoint, namespace: string, options: WatchersOptions): Promise<ChildProcess> {
  const child = fork(join(benchDist, 'clients', 'watchers.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const list = await sendOk<{ metadata: { resourceVersion: string } }>(endpoint, 'GET', `/api/v1/namespaces/${namespace}/configmaps?limit=1`);
    const ready = nextMessage<ReadyMessage>(child, 'ready', 120_000);
    child.send({ type: 'start', endpoint, path: `/api/v1/namespaces/${namespace}/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`, ...options } satisfies StartMessage);
    const opened = await ready;
    if (opened.failed) throw new Error(`${opened.failed} of ${options.watchers} watches were refused`);
    return child;
  } catch (error) {
    child.kill();
    throw error;
  }
}
