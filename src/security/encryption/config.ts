// kube-apiserver's EncryptionConfiguration (apiserver.config.k8s.io/v1): which resources are encrypted at
// rest and with which providers. The first provider of a rule encrypts; every provider of it can decrypt.
// Kurator supports the aesgcm and identity providers.

import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../../machinery/object.js';

export const ENCRYPTION_CONFIG_API_VERSION = 'apiserver.config.k8s.io/v1';
export const ENCRYPTION_CONFIG_KIND = 'EncryptionConfiguration';

const AES_KEY_SIZES = [16, 24, 32];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UNSUPPORTED_PROVIDERS = ['aescbc', 'secretbox', 'kms'];

export interface AesGcmKey {
  readonly name: string;
  /** 16, 24 or 32 bytes. */
  readonly secret: Buffer;
}

export type ProviderConfig = { readonly type: 'aesgcm'; readonly keys: readonly AesGcmKey[] } | { readonly type: 'identity' };

/** A group/resource as the config names it: group '' is the core group, '*' matches any. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

export interface ResourceRule {
  readonly resources: readonly GroupResource[];
  readonly providers: readonly ProviderConfig[];
}

export interface EncryptionConfig {
  readonly rules: readonly ResourceRule[];
}

/** A configuration that cannot be used; the message lists every problem, each with its field path. */
export class EncryptionConfigError extends Error {
  constructor(source: string, problems: readonly string[]) {
    super(`invalid encryption provider config ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EncryptionConfigError';
  }
}

/** Kubernetes' ParseGroupResource: "secrets" → core, "deployments.apps", "*." → all of core, "*.*" → everything. */
export function parseGroupResource(text: string): GroupResource {
  const dot = text.indexOf('.');
  return dot < 0 ? { group: '', resource: text } : { group: text.slice(dot + 1), resource: text.slice(0, dot) };
}

function validateResources(value: unknown, path: string, problems: string[]): GroupResource[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path}: at least one resource is required (e.g. [secrets])`);
    return [];
  }
  const parsed: GroupResource[] = [];
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (typeof item !== 'string' || item === '') return problems.push(`${at}: must be a resource name such as "secrets" or "widgets.example.com"`);
    if (item.toLowerCase() !== item) return problems.push(`${at}: resource name ${JSON.stringify(item)} must not contain capital letters`);
    if (item === '*') return problems.push(`${at}: use "*." to encrypt every resource of the core group, or "*.*" for every resource`);
    const gr = parseGroupResource(item);
    if (gr.group === '*' && gr.resource !== '*') return problems.push(`${at}: ${JSON.stringify(item)} names a resource across groups, which is not supported; name its group`);
    parsed.push(gr);
  });
  const seen = new Set<string>();
  for (const gr of parsed) {
    const id = `${gr.resource}.${gr.group}`;
    if (seen.has(id)) problems.push(`${path}: ${JSON.stringify(id.endsWith('.') ? gr.resource : id)} is listed more than once`);
    seen.add(id);
  }
  const overlaps = parsed.some((a, i) => parsed.some((b, j) => i !== j && ((a.group === '*' && a.resource === '*') || (a.group === b.group && (a.resource === '*' || b.resource === '*')))));
  if (overlaps) problems.push(`${path}: a wildcard ("*." or "*.*" or "*.<group>") overlaps another entry of the same list; keep one of them`);
  return parsed;
}

function validateKeys(value: unknown, path: string, problems: string[]): AesGcmKey[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path}: at least one key is required`);
    return [];
  }
  const keys: AesGcmKey[] = [];
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isPlainObject(item)) return problems.push(`${at}: must be {name, secret}`);
    const name = item.name;
    if (typeof name !== 'string' || name === '') problems.push(`${at}.name: a key needs a name`);
    const secret = item.secret;
    if (typeof secret !== 'string' || secret === '') return problems.push(`${at}.secret: a key needs a secret (base64 of 32 random bytes: head -c 32 /dev/urandom | base64)`);
    // The secret itself never goes into a message.
    if (!BASE64.test(secret)) return problems.push(`${at}.secret: must be base64 encoded`);
    const bytes = Buffer.from(secret, 'base64');
    if (!AES_KEY_SIZES.includes(bytes.length)) return problems.push(`${at}.secret: must decode to 16, 24 or 32 bytes, not ${bytes.length}`);
    if (typeof name === 'string' && name !== '') keys.push({ name, secret: bytes });
  });
  return keys;
}

function validateProvider(value: unknown, path: string, problems: string[]): ProviderConfig | undefined {
  if (!isPlainObject(value)) {
    problems.push(`${path}: must be an object such as {aesgcm: {keys: [...]}} or {identity: {}}`);
    return undefined;
  }
  const types = Object.keys(value);
  if (types.length !== 1) {
    problems.push(types.length === 0 ? `${path}: names no provider; use aesgcm or identity` : `${path}: more than one provider (${types.join(', ')}) in one element; give each its own list element`);
    return undefined;
  }
  const type = types[0]!;
  if (type === 'identity') return { type: 'identity' };
  if (type === 'aesgcm') {
    const body = value.aesgcm;
    return { type: 'aesgcm', keys: validateKeys(isPlainObject(body) ? body.keys : undefined, `${path}.aesgcm.keys`, problems) };
  }
  problems.push(UNSUPPORTED_PROVIDERS.includes(type) ? `${path}: the ${type} provider is not supported by Kurator; use aesgcm or identity` : `${path}: unknown provider ${JSON.stringify(type)}; use aesgcm or identity`);
  return undefined;
}

function validateRule(value: unknown, path: string, problems: string[]): ResourceRule {
  if (!isPlainObject(value)) {
    problems.push(`${path}: must be {resources: [...], providers: [...]}`);
    return { resources: [], providers: [] };
  }
  const resources = validateResources(value.resources, `${path}.resources`, problems);
  const providers: ProviderConfig[] = [];
  if (!Array.isArray(value.providers) || value.providers.length === 0) {
    problems.push(`${path}.providers: at least one provider is required`);
  } else {
    value.providers.forEach((p, i) => {
      const provider = validateProvider(p, `${path}.providers[${i}]`, problems);
      if (provider) providers.push(provider);
    });
  }
  // A stored value names only its key, so a key name must say which secret to use.
  const names = providers.flatMap((p) => (p.type === 'aesgcm' ? p.keys.map((k) => k.name) : []));
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`${path}.providers: aesgcm key name ${JSON.stringify(name)} is used more than once`);
  return { resources, providers };
}

/** Parses and validates the YAML (or JSON) text of an EncryptionConfiguration; `source` names it in errors. */
export function parseEncryptionConfig(text: string, source: string): EncryptionConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new EncryptionConfigError(source, [`not valid YAML: ${(error as Error).message}`]);
  }
  if (!isPlainObject(doc)) throw new EncryptionConfigError(source, [`must be an ${ENCRYPTION_CONFIG_KIND} object`]);
  const problems: string[] = [];
  if (doc.apiVersion !== ENCRYPTION_CONFIG_API_VERSION) problems.push(`apiVersion: must be ${ENCRYPTION_CONFIG_API_VERSION}, not ${JSON.stringify(doc.apiVersion ?? null)}`);
  if (doc.kind !== ENCRYPTION_CONFIG_KIND) problems.push(`kind: must be ${ENCRYPTION_CONFIG_KIND}, not ${JSON.stringify(doc.kind ?? null)}`);
  const rules: ResourceRule[] = [];
  if (!Array.isArray(doc.resources) || doc.resources.length === 0) problems.push('resources: at least one {resources, providers} entry is required');
  else doc.resources.forEach((rule, i) => rules.push(validateRule(rule, `resources[${i}]`, problems)));
  if (problems.length) throw new EncryptionConfigError(source, problems);
  return { rules };
}
