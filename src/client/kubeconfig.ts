// Reads a kubeconfig into the RestConfig the HTTP client needs: the server URL (with any path prefix such
// as /clusters/member1), TLS material, and credentials. Paths in the file are read at load time, except
// tokenFile, which the client re-reads so rotated tokens are picked up.

import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { isPlainObject } from '../machinery/object.js';

export interface RestConfig {
  /** Base URL of the API, path prefix included: "https://10.0.0.1:6443", "http://127.0.0.1:8080/clusters/member1". */
  server: string;
  /** PEM bundle of the CAs that sign the server's certificate. */
  ca?: string;
  /** PEM client certificate and key (mutual TLS). */
  cert?: string;
  key?: string;
  /** Bearer token; or a file holding it. */
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  insecureSkipTlsVerify?: boolean;
  /** SNI / certificate name to verify instead of the URL's host. */
  tlsServerName?: string;
  /** The context's default namespace. */
  namespace?: string;
}

export interface LoadKubeconfigOptions {
  /** Directory relative file paths are resolved against (the kubeconfig's own directory; default: cwd). */
  baseDir?: string;
}

export function loadKubeconfig(text: string, context?: string, options: LoadKubeconfigOptions = {}): RestConfig {
  const doc: unknown = parse(text);
  if (!isPlainObject(doc)) throw new Error('kubeconfig: the document is not a mapping');
  const contextName = context ?? stringField(doc, 'current-context');
  if (!contextName) throw new Error('kubeconfig: no context given and no current-context set');
  const ctx = named(doc, 'contexts', contextName, 'context');
  if (!ctx) throw new Error(`kubeconfig: context ${JSON.stringify(contextName)} not found`);
  const clusterName = stringField(ctx, 'cluster');
  const cluster = clusterName ? named(doc, 'clusters', clusterName, 'cluster') : undefined;
  if (!cluster) throw new Error(`kubeconfig: cluster ${JSON.stringify(clusterName ?? '')} of context ${JSON.stringify(contextName)} not found`);
  const server = stringField(cluster, 'server');
  if (!server) throw new Error(`kubeconfig: cluster ${JSON.stringify(clusterName)} has no server`);
  try {
    const url = new URL(server);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol);
  } catch {
    throw new Error(`kubeconfig: cluster ${JSON.stringify(clusterName)} has an invalid server URL`);
  }

  const readPath = (path: string): string => readFileSync(isAbsolute(path) ? path : resolve(options.baseDir ?? process.cwd(), path), 'utf8');
  const material = (from: Record<string, unknown>, field: string): string | undefined => {
    const data = stringField(from, `${field}-data`);
    if (data) return Buffer.from(data, 'base64').toString('utf8');
    const path = stringField(from, field);
    return path ? readPath(path) : undefined;
  };

  const config: RestConfig = { server: server.replace(/\/+$/, '') };
  const ca = material(cluster, 'certificate-authority');
  if (ca) config.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) config.insecureSkipTlsVerify = true;
  const serverName = stringField(cluster, 'tls-server-name');
  if (serverName) config.tlsServerName = serverName;
  const namespace = stringField(ctx, 'namespace');
  if (namespace) config.namespace = namespace;

  const userName = stringField(ctx, 'user');
  const user = userName ? named(doc, 'users', userName, 'user') : undefined;
  if (userName && !user) throw new Error(`kubeconfig: user ${JSON.stringify(userName)} of context ${JSON.stringify(contextName)} not found`);
  if (user) {
    if (user.exec !== undefined || user['auth-provider'] !== undefined) {
      throw new Error(`kubeconfig: user ${JSON.stringify(userName)} uses a credential plugin (exec or auth-provider), which this client does not support; use a token or a client certificate`);
    }
    const cert = material(user, 'client-certificate');
    const key = material(user, 'client-key');
    if ((cert === undefined) !== (key === undefined)) throw new Error(`kubeconfig: user ${JSON.stringify(userName)} needs both a client certificate and a client key`);
    if (cert && key) {
      config.cert = cert;
      config.key = key;
    }
    const token = stringField(user, 'token');
    if (token) config.token = token;
    const tokenFile = stringField(user, 'tokenFile');
    if (tokenFile && !token) config.tokenFile = isAbsolute(tokenFile) ? tokenFile : resolve(options.baseDir ?? process.cwd(), tokenFile);
    const username = stringField(user, 'username');
    const password = stringField(user, 'password');
    if (username !== undefined && password !== undefined) {
      config.username = username;
      config.password = password;
    }
  }
  return config;
}

function stringField(from: Record<string, unknown>, field: string): string | undefined {
  const value = from[field];
  return typeof value === 'string' ? value : undefined;
}

/** The `inner` mapping of the entry called `name` in the list `list` (clusters, contexts, users). */
function named(doc: Record<string, unknown>, list: string, name: string, inner: string): Record<string, unknown> | undefined {
  const entries = doc[list];
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    if (isPlainObject(entry) && entry.name === name) return isPlainObject(entry[inner]) ? entry[inner] : {};
  }
  return undefined;
}
