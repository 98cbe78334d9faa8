// TLS material and credentials from a kubeconfig, for tests that speak HTTP(S) to a hub directly, and
// copies of a kubeconfig that authenticate as someone else (a bearer token), for tests that run kubectl.

import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
import { isPlainObject } from '../../src/machinery/object.js';

/** A server to talk to: a bare URL, or a URL with the kubeconfig whose CA and credentials to use (a TestHub fits). */
export type Target = string | { url: string; kubeconfigPath?: string };

export interface Credentials {
  ca?: string;
  cert?: string;
  key?: string;
  token?: string;
}

export function credentialsFrom(kubeconfigPath: string): Credentials {
  const config = loadKubeconfig(readFileSync(kubeconfigPath, 'utf8'), undefined, { baseDir: dirname(kubeconfigPath) });
  const credentials: Credentials = {};
  if (config.ca) credentials.ca = config.ca;
  if (config.cert) credentials.cert = config.cert;
  if (config.key) credentials.key = config.key;
  if (config.token) credentials.token = config.token;
  return credentials;
}

export interface Connection {
  baseUrl: string;
  agent: HttpAgent;
  headers: Record<string, string>;
  request(url: URL, options: RequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest;
}

/** How to reach a target: the agent (TLS with the kubeconfig's CA and client certificate) and auth headers. */
export function connectionFor(target: Target, agentOptions: { keepAlive?: boolean; maxSockets?: number } = {}): Connection {
  const baseUrl = typeof target === 'string' ? target : target.url;
  const credentials = typeof target === 'string' || !target.kubeconfigPath ? {} : credentialsFrom(target.kubeconfigPath);
  const headers: Record<string, string> = credentials.token ? { Authorization: `Bearer ${credentials.token}` } : {};
  if (baseUrl.startsWith('https:')) {
    const agent = new HttpsAgent({ ...agentOptions, ca: credentials.ca, cert: credentials.cert, key: credentials.key });
    return { baseUrl, agent, headers, request: (url, options, onResponse) => httpsRequest(url, { ...options, agent }, onResponse) };
  }
  const agent = new HttpAgent(agentOptions);
  return { baseUrl, agent, headers, request: (url, options, onResponse) => httpRequest(url, { ...options, agent }, onResponse) };
}

/** A kubeconfig user entry: a bearer token, or basic auth (which the hub ignores, so kubectl sends no credential it knows). */
export type KubeconfigUser = { token: string } | { username: string; password: string };

/**
 * A copy of the kubeconfig YAML in which every user authenticates with `user` alone (client certificates
 * and other credentials dropped) and, when `server` is given, every cluster points there. Clusters keep
 * their CA.
 */
export function kubeconfigAs(kubeconfig: string, user: KubeconfigUser, server?: string): string {
  const doc: unknown = parse(kubeconfig);
  if (!isPlainObject(doc)) throw new Error('kubeconfig: the document is not a mapping');
  for (const entry of entries(doc, 'users')) entry.user = { ...user };
  if (server) {
    for (const entry of entries(doc, 'clusters')) entry.cluster = { ...(isPlainObject(entry.cluster) ? entry.cluster : {}), server };
  }
  return stringify(doc);
}

/** Writes kubeconfigAs(the kubeconfig at fromPath) to toPath (mode 0600) and returns toPath, for kubectlFor. */
export async function writeKubeconfigAs(fromPath: string, toPath: string, user: KubeconfigUser): Promise<string> {
  await writeFile(toPath, kubeconfigAs(await readFile(fromPath, 'utf8'), user), { mode: 0o600 });
  return toPath;
}

function entries(doc: Record<string, unknown>, list: string): Record<string, unknown>[] {
  const value = doc[list];
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}
