// Helpers shared by the storage tests.

import assert from 'node:assert/strict';
import type { KubeObject } from '../machinery/object.js';
import { StoreError } from './store.js';
import type { StoreErrorCode } from './store.js';

export function configMap(name: string, data: Record<string, string> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export async function rejectsWith(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof StoreError && err.code === code);
}

export function throwsWith(fn: () => unknown, code: StoreErrorCode): void {
  assert.throws(fn, (err: unknown) => err instanceof StoreError && err.code === code);
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
