// Helpers shared by the storage tests.

import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { KubeObject } from '../machinery/object.js';
import { CURRENT_STATE_QUERY, type CurrentRow } from './sqlite-log.js';
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

/** Reads an SQLite store's file directly, read-only (the store must be closed). */
export function readStoreFile<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The current state's rows as an SQLite store's file holds them, values as stored (the store must be closed). */
export function storedCurrentRows(path: string): CurrentRow[] {
  return readStoreFile(path, (db) => db.prepare<[], CurrentRow>(CURRENT_STATE_QUERY).raw().all());
}
