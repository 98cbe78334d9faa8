// How store keys and versions map onto etcd. A store key ("/core/configmaps/ns/name") lives at
// prefix + key ("/registry/core/configmaps/ns/name"). A value is the object's JSON without
// metadata.resourceVersion (etcd's mod_revision is the resourceVersion, as in kube-apiserver), passed
// through the ValueTransformer on its way to etcd and back.

import type { KubeObject } from '../machinery/object.js';
import type { StoreEntry } from './store.js';
import type { ValueTransformer } from './transformer.js';

export const DEFAULT_ETCD_PREFIX = '/registry';

/** The subset of etcd's KeyValue the store reads. */
export interface EtcdKeyValue {
  key: Buffer;
  value: Buffer;
  mod_revision: string;
  create_revision: string;
}

export class EtcdKeyspace {
  /** The prefix without a trailing slash ("" = the root). */
  readonly prefix: string;

  constructor(prefix: string = DEFAULT_ETCD_PREFIX) {
    const trimmed = prefix.replace(/\/+$/, '');
    if (trimmed !== '' && !trimmed.startsWith('/')) throw new RangeError(`etcd prefix must start with "/", got ${JSON.stringify(prefix)}`);
    this.prefix = trimmed;
  }

  toEtcd(key: string): Buffer {
    if (!key.startsWith('/')) throw new RangeError(`store keys start with "/", got ${JSON.stringify(key)}`);
    return Buffer.from(this.prefix + key, 'utf8');
  }

  fromEtcd(key: Buffer): string {
    return key.toString('utf8').slice(this.prefix.length);
  }

  /** [start, end) of every key of this store in etcd: the keys under prefix + "/". */
  range(): { key: Buffer; range_end: Buffer } {
    return { key: Buffer.from(`${this.prefix}/`, 'utf8'), range_end: Buffer.from(`${this.prefix}0`, 'utf8') };
  }
}

/** The object's JSON as stored: resourceVersion left out (the caller's object is not changed). */
export function plainJson(object: KubeObject): string {
  const { resourceVersion: _ignored, ...metadata } = object.metadata;
  return JSON.stringify({ ...object, metadata });
}

/**
 * A version from its stored JSON (no resourceVersion) at a revision. Every path that builds a version —
 * the watch feed, the initial list and a write's own result — goes through here, so the bytes are equal.
 */
export function entryFromPlain(key: string, plain: string, revision: number, createRevision: number): StoreEntry {
  const object = JSON.parse(plain) as KubeObject;
  object.metadata.resourceVersion = String(revision);
  return { key, value: JSON.stringify(object), object, revision, createRevision };
}

export class EtcdCodec {
  constructor(
    readonly keyspace: EtcdKeyspace,
    private readonly transformer: ValueTransformer,
  ) {}

  encode(key: string, plain: string): Buffer {
    return Buffer.from(this.transformer.toStorage(key, plain), 'utf8');
  }

  /** The stored JSON of a value read from etcd. */
  plain(key: string, value: Buffer): string {
    return this.transformer.fromStorage(key, value.toString('utf8'));
  }

  decode(kv: EtcdKeyValue): StoreEntry {
    const key = this.keyspace.fromEtcd(kv.key);
    return entryFromPlain(key, this.plain(key, kv.value), Number(kv.mod_revision), Number(kv.create_revision));
  }
}
