// Encryption at rest for the hub's durable storage: the configuration (a given file, or one generated in
// the data directory), the transformer the storage backend applies, and the re-encryption of values an
// older key wrote, started once the store has loaded them.

import { stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Store } from '../../storage/store.js';
import type { ValueTransformer } from '../../storage/transformer.js';
import { ensureDefaultEncryptionConfig, readEncryptionConfig } from './config-file.js';
import { EncryptionTransformer } from './encryption-transformer.js';
import { startReencryption, type Reencryption } from './reencrypt.js';

export interface EncryptionAtRestOptions {
  dataDir: string;
  /** An EncryptionConfiguration file; default: DEFAULT_ENCRYPTION_CONFIG_FILE in dataDir, generated when absent. */
  configFile?: string;
  log: Logger;
}

export interface EncryptionAtRest {
  readonly configFile: string;
  /** For the storage backend's durable writes and reads. */
  readonly transformer: ValueTransformer;
  /** Starts rewriting, in the background, what the store's load found written in an older form. */
  reencryptStale(store: Store): Reencryption;
}

export async function prepareEncryptionAtRest(options: EncryptionAtRestOptions): Promise<EncryptionAtRest> {
  let configFile = options.configFile;
  let generated = false;
  if (configFile === undefined) ({ path: configFile, generated } = await ensureDefaultEncryptionConfig(options.dataDir));
  const config = await readEncryptionConfig(configFile);
  const mode = (await stat(configFile)).mode & 0o777;
  if (mode & 0o077) options.log.warn({ configFile, mode: mode.toString(8) }, 'the encryption provider config holds keys but others can read it; chmod 600 it');
  const transformer = new EncryptionTransformer(config, configFile);
  options.log.info({ configFile, generated, secrets: transformer.writerFor('/core/secrets/') }, 'encryption at rest configured');
  return {
    configFile,
    transformer,
    reencryptStale(store) {
      const keys = transformer.takeStale();
      const writers = [...new Set(keys.map((key) => transformer.writerFor(key)))];
      return startReencryption(store, keys, options.log, { writers });
    },
  };
}

export { DEFAULT_ENCRYPTION_CONFIG_FILE, generatedEncryptionConfigYaml } from './config-file.js';
export { EncryptionConfigError, parseEncryptionConfig } from './config.js';
export type { AesGcmKey, EncryptionConfig, GroupResource, ProviderConfig, ResourceRule } from './config.js';
export { AESGCM_PREFIX, DecryptionError, EncryptionTransformer } from './encryption-transformer.js';
export type { Reencryption, ReencryptionResult } from './reencrypt.js';
