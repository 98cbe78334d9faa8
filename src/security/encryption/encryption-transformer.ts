// The ValueTransformer an EncryptionConfiguration describes. A value of a configured resource is written
// by the rule's first provider: aesgcm stores `k8s:enc:aesgcm:v1:<key name>:` followed by the base64 of
// nonce || ciphertext || tag, sealed with the storage key as additional data (a value copied under another
// key does not decrypt); identity stores the JSON as it is. Any provider of the rule reads.
//
// Values read in another form than the one they would be written in now (an older key, or plain JSON of a
// resource now encrypted) are remembered, so the hub can rewrite them after a key rotation.

import type { ValueTransformer } from '../../storage/transformer.js';
import { openAesGcm, sealAesGcm } from './aes-gcm.js';
import type { AesGcmKey, EncryptionConfig } from './config.js';
import { KeyRules } from './key-rules.js';

export const ENCRYPTED_PREFIX = 'k8s:enc:';
export const AESGCM_PREFIX = `${ENCRYPTED_PREFIX}aesgcm:v1:`;

interface PrefixedKey extends AesGcmKey {
  /** `k8s:enc:aesgcm:v1:<name>:` */
  readonly prefix: string;
}

interface CompiledRule {
  /** The key that encrypts, or undefined when identity comes first. */
  readonly writer: PrefixedKey | undefined;
  readonly readers: readonly PrefixedKey[];
  /** Whether plain JSON may be read (an identity provider is listed). */
  readonly readsPlain: boolean;
}

/** A stored value the configuration cannot read; the message names the key and the fix, never the content. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

function prefixed(key: AesGcmKey): PrefixedKey {
  return { ...key, prefix: `${AESGCM_PREFIX}${key.name}:` };
}

/** "aesgcm key "k"" or "identity": what writes a value (key names are not secret). */
function describe(writer: PrefixedKey | undefined): string {
  return writer ? `aesgcm key ${JSON.stringify(writer.name)}` : 'identity';
}

export class EncryptionTransformer implements ValueTransformer {
  private readonly rules: KeyRules<CompiledRule>;
  /** Readers for keys no rule covers: their values are written plain, but may have been encrypted before. */
  private readonly unconfigured: CompiledRule;
  private readonly stale = new Set<string>();

  /** `source` names the configuration (its file) in errors. */
  constructor(config: EncryptionConfig, private readonly source: string) {
    const compiled = config.rules.map((rule) => {
      const readers = rule.providers.flatMap((p) => (p.type === 'aesgcm' ? p.keys.map(prefixed) : []));
      const first = rule.providers[0];
      const writer = first?.type === 'aesgcm' ? readers.find((k) => k.name === first.keys[0]?.name) : undefined;
      return { rule, value: { writer, readers, readsPlain: rule.providers.some((p) => p.type === 'identity') } };
    });
    this.rules = new KeyRules(compiled);
    this.unconfigured = { writer: undefined, readers: compiled.flatMap((c) => c.value.readers), readsPlain: true };
  }

  /** What writes values stored under `key`, for logs. */
  writerFor(key: string): string {
    return describe(this.ruleFor(key).writer);
  }

  toStorage(key: string, value: string): string {
    this.stale.delete(key);
    const writer = this.ruleFor(key).writer;
    if (!writer) return value;
    return writer.prefix + sealAesGcm(writer.secret, Buffer.from(value, 'utf8'), Buffer.from(key, 'utf8')).toString('base64');
  }

  fromStorage(key: string, stored: string): string {
    const rule = this.ruleFor(key);
    if (!stored.startsWith(ENCRYPTED_PREFIX)) {
      if (!rule.readsPlain) throw new DecryptionError(`cannot read ${key}: it is stored unencrypted and ${this.source} lists no identity provider for it; add {identity: {}} as the last provider and restart`);
      if (rule.writer) this.stale.add(key);
      return stored;
    }
    if (!stored.startsWith(AESGCM_PREFIX)) {
      const provider = stored.slice(ENCRYPTED_PREFIX.length).split(':', 1)[0];
      throw new DecryptionError(`cannot read ${key}: it is encrypted by the ${JSON.stringify(provider)} provider, which Kurator does not support`);
    }
    const name = stored.slice(AESGCM_PREFIX.length).split(':', 1)[0] ?? '';
    const candidates = rule.readers.filter((k) => stored.startsWith(k.prefix));
    if (candidates.length === 0) {
      throw new DecryptionError(`cannot read ${key}: it is encrypted with aesgcm key ${JSON.stringify(name)}, which ${this.source} does not list for it; put that key back (after the key that encrypts) and restart, and remove it only once the hub has re-encrypted every value`);
    }
    for (const candidate of candidates) {
      const plain = openAesGcm(candidate.secret, Buffer.from(stored.slice(candidate.prefix.length), 'base64'), Buffer.from(key, 'utf8'));
      if (!plain) continue;
      if (candidate.prefix !== rule.writer?.prefix) this.stale.add(key);
      return plain.toString('utf8');
    }
    throw new DecryptionError(`cannot read ${key}: aesgcm key ${JSON.stringify(name)} in ${this.source} does not decrypt it (its secret is not the one the value was written with, or the stored value was altered or moved from another key)`);
  }

  /** The keys read in a form other than the one they would be written in now; clears the list. */
  takeStale(): string[] {
    const keys = [...this.stale];
    this.stale.clear();
    return keys;
  }

  private ruleFor(key: string): CompiledRule {
    return this.rules.lookup(key) ?? this.unconfigured;
  }
}
