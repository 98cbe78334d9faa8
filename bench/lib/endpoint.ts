// Where a server is and how to talk to it: URL, bearer token, CA. Small JSON requests over node:http(s)
// with keep-alive agents, used for setup, checks and the latency clients.

import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface Endpoint {
  /** http(s)://host:port, no trailing slash. */
  url: string;
  /** Bearer token sent with every request. */
  token?: string;
  /** PEM CA the server's certificate is checked against (https). */
  ca?: string;
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Agent = HttpAgent | HttpsAgent;

export function agentFor(endpoint: Endpoint, maxSockets = 32): Agent {
  const options = { keepAlive: true, maxSockets };
  return endpoint.url.startsWith('https:') ? new HttpsAgent({ ...options, ...(endpoint.ca ? { ca: endpoint.ca } : { rejectUnauthorized: false }) }) : new HttpAgent(options);
}

export function authHeaders(endpoint: Endpoint): Record<string, string> {
  return endpoint.token ? { Authorization: `Bearer ${endpoint.token}` } : {};
}

/** One request; resolves with the whole body. Network errors reject. */
export function send(endpoint: Endpoint, method: string, path: string, body?: unknown, agent?: Agent, contentType = 'application/json'): Promise<Response> {
  const url = new URL(path, endpoint.url);
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(endpoint) };
  if (text !== undefined) {
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = String(Buffer.byteLength(text));
  }
  const tls = url.protocol === 'https:';
  const options = { method, headers, ...(agent ? { agent } : {}), ...(tls && !agent ? (endpoint.ca ? { ca: endpoint.ca } : { rejectUnauthorized: false }) : {}) };
  return new Promise((resolve, reject) => {
    const req = (tls ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** A request that must succeed (2xx); returns the parsed JSON body. */
export async function sendOk<T = unknown>(endpoint: Endpoint, method: string, path: string, body?: unknown, agent?: Agent): Promise<T> {
  const res = await send(endpoint, method, path, body, agent);
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`);
  return (res.body.length ? JSON.parse(res.body.toString('utf8')) : undefined) as T;
}

/** Runs fn over items with at most `concurrency` in flight. */
export async function inParallel<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Starts `count` operations open-loop at `perSecond` (each when its time comes, whatever the others); resolves with their results. */
export async function atRate<T>(count: number, perSecond: number, start: (index: number) => Promise<T>): Promise<T[]> {
  const began = nowMs();
  const started: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = began + (i * 1000) / perSecond - nowMs();
    if (wait > 0) await sleep(wait);
    started.push(start(i));
  }
  return Promise.all(started);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when `done()` holds (looked at every 20 ms) or when time runs out; the caller checks which. */
export async function pollUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  while (!done() && nowMs() < deadline) await sleep(20);
}

/** A wall-clock timestamp in milliseconds with sub-millisecond resolution, comparable across processes. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
