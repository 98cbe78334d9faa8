// Moves an embedded hub's data (its SQLite file) into etcd: every object with its contents, read through the
// SQLite hub's encryption config and written through the etcd hubs' one. resourceVersions become etcd
// revisions (they cannot be kept: etcd numbers its own writes). The SQLite file is opened exclusively, so a
// hub still running on it makes the migration fail instead of copying a moving target.

import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DEFAULT_ENCRYPTION_CONFIG_FILE, prepareEncryptionAtRest } from '../security/encryption/index.js';
import { openEtcdStore, openSqliteStore, type EtcdStoreOptions, type Store, type StoreEntry } from '../storage/index.js';
import { DEFAULT_ETCD_PREFIX } from '../storage/etcd-codec.js';
import type { ValueTransformer } from '../storage/transformer.js';
import { groupResourceOfKey } from '../storage/key-layout.js';

export interface MigrationOptions {
  /** The embedded hub's data directory (holding hub.db). */
  sqliteDir: string;
  etcd: Pick<EtcdStoreOptions, 'endpoints' | 'prefix' | 'tls' | 'requestTimeoutMs'>;
  /** The etcd hubs' data directory: where their encryption config is (generated there when absent). */
  dataDir: string;
  /** The etcd hubs' EncryptionConfiguration file, when not the one in dataDir. */
  encryptionProviderConfig?: string;
  /** Replace whatever the etcd prefix holds instead of refusing. */
  force?: boolean;
  log: Logger;
}

export interface MigrationReport {
  source: string;
  /** The SQLite revision the copy was taken at. */
  sourceRevision: number;
  /** Objects copied per resource ("apps/deployments", "core/configmaps", ...). */
  byResource: Map<string, number>;
  copied: number;
  /** Keys the etcd prefix held before (removed with force). */
  replaced: number;
  /** etcd's revision after the copy. */
  etcdRevision: number;
  /** The EncryptionConfiguration the values were written with (every hub on this etcd needs it). */
  encryptionConfig: string;
}

const CONCURRENCY = 64;

export async function migrateSqliteToEtcd(options: MigrationOptions): Promise<MigrationReport> {
  const source = join(options.sqliteDir, 'hub.db');
  try {
    await access(source);
  } catch {
    throw new Error(`there is no hub database at ${source}; --migrate-from takes sqlite:DIR with DIR the --data-dir of the embedded hub`);
  }
  const sourceTransformer = await sourceEncryption(options.sqliteDir, options.log);
  await mkdir(options.dataDir, { recursive: true });
  const target = await prepareEncryptionAtRest({ dataDir: options.dataDir, configFile: options.encryptionProviderConfig, log: options.log });
  const from = openSqliteStore(source, { transformer: sourceTransformer });
  let to: Store | undefined;
  try {
    to = await openEtcdStore({ ...options.etcd, transformer: target.transformer, log: options.log });
    const existing = to.list('').items;
    const prefix = options.etcd.prefix ?? DEFAULT_ETCD_PREFIX;
    if (existing.length > 0 && !options.force) {
      throw new Error(`etcd already holds ${existing.length} objects under ${prefix}; migrating would mix two hubs' data. Choose an empty --etcd-prefix, or pass --force to replace them`);
    }
    const etcd = to;
    await inBatches(existing, (entry) => etcd.delete(entry.key).then(() => undefined));

    const snapshot = from.list('');
    const byResource = new Map<string, number>();
    await inBatches(snapshot.items, async (entry) => {
      await etcd.create(entry.key, entry.object);
      const resource = resourceOf(entry.key);
      byResource.set(resource, (byResource.get(resource) ?? 0) + 1);
    });
    verifyCopy(snapshot.items, etcd);
    return { source, sourceRevision: snapshot.revision, byResource, copied: snapshot.items.length, replaced: existing.length, etcdRevision: etcd.revision, encryptionConfig: target.configFile };
  } finally {
    await from.close();
    await to?.close();
  }
}

/** The SQLite hub's own encryption config when it has one in its data directory; values as stored otherwise. */
async function sourceEncryption(dir: string, log: Logger): Promise<ValueTransformer | undefined> {
  try {
    await access(join(dir, DEFAULT_ENCRYPTION_CONFIG_FILE));
  } catch {
    return undefined;
  }
  return (await prepareEncryptionAtRest({ dataDir: dir, log })).transformer;
}

/** Every object reads back from etcd with the same contents (only resourceVersion differs). */
function verifyCopy(items: readonly StoreEntry[], etcd: Store): void {
  for (const entry of items) {
    const copy = etcd.get(entry.key);
    const { resourceVersion: _a, ...was } = entry.object.metadata;
    const { resourceVersion: _b, ...now } = copy?.object.metadata ?? {};
    if (!copy || JSON.stringify({ ...entry.object, metadata: was }) !== JSON.stringify({ ...copy.object, metadata: now })) {
      throw new Error(`${entry.key} did not arrive in etcd unchanged`);
    }
  }
}

/** "<group>/<resource>" as the key spells it (core group "core"). */
function resourceOf(key: string): string {
  const target = groupResourceOfKey(key);
  return target ? `${target.group || 'core'}/${target.resource}` : key;
}

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(run));
}
