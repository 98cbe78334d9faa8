// The EncryptionConfiguration file: read from --encryption-provider-config, or generated in the data
// directory on first start so a new hub never stores Secret data in the clear.

import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ENCRYPTION_CONFIG_API_VERSION, ENCRYPTION_CONFIG_KIND, parseEncryptionConfig, type EncryptionConfig } from './config.js';

export const DEFAULT_ENCRYPTION_CONFIG_FILE = 'encryption-config.yaml';

/** One aesgcm key (32 random bytes) for Secrets, identity second so plain values stay readable. */
export function generatedEncryptionConfigYaml(secret: Buffer = randomBytes(32)): string {
  const header = '# Encryption at rest for the Kurator hub (kube-apiserver EncryptionConfiguration format).\n' +
    '# Rotate: add a new key first in the keys list, restart, and once the hub logs that it re-encrypted\n' +
    '# every value, remove the old key and restart again. Keep this file secret and backed up.\n';
  return header + stringify({
    apiVersion: ENCRYPTION_CONFIG_API_VERSION,
    kind: ENCRYPTION_CONFIG_KIND,
    resources: [{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'key1', secret: secret.toString('base64') }] } }, { identity: {} }] }],
  });
}

/** The default file in dataDir, created (mode 0600) when absent; `generated` says whether this call made it. */
export async function ensureDefaultEncryptionConfig(dataDir: string): Promise<{ path: string; generated: boolean }> {
  const path = join(dataDir, DEFAULT_ENCRYPTION_CONFIG_FILE);
  try {
    await writeFile(path, generatedEncryptionConfigYaml(), { mode: 0o600, flag: 'wx' });
    return { path, generated: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { path, generated: false };
    throw error;
  }
}

export async function readEncryptionConfig(path: string): Promise<EncryptionConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`encryption provider config ${path} does not exist; pass an existing EncryptionConfiguration file, or leave the flag out to use the one the hub generates in its data directory`);
    throw new Error(`cannot read encryption provider config ${path}: ${(error as Error).message}`);
  }
  return parseEncryptionConfig(text, path);
}
