// The etcd client every etcd-backed part of the hub uses: endpoints, optional TLS, and a deadline on
// every unary call so a request to an unreachable member fails instead of hanging. Calls that fail on
// one member are retried on another (etcd3's default policy); a member that keeps failing is skipped for
// a few seconds.

import { Etcd3 } from 'etcd3';

export interface EtcdTls {
  /** PEM of the CA that signed the etcd servers' certificates. */
  ca?: string | Buffer;
  /** PEM client certificate and key, for etcd's --client-cert-auth. */
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface EtcdConnectionOptions {
  /** Client URLs, e.g. http://127.0.0.1:2379 (https:// with tls). */
  endpoints: readonly string[];
  tls?: EtcdTls;
  /** Deadline of each unary call (default 15 s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_ETCD_REQUEST_TIMEOUT_MS = 15_000;

export function createEtcdClient(options: EtcdConnectionOptions): Etcd3 {
  if (options.endpoints.length === 0) throw new RangeError('etcd needs at least one endpoint');
  for (const endpoint of options.endpoints) {
    if (!/^https?:\/\/[^/]+\/?$/.test(endpoint)) throw new RangeError(`etcd endpoint must look like http://host:port or https://host:port, got ${JSON.stringify(endpoint)}`);
  }
  const tls = options.tls;
  if (tls && (tls.cert === undefined) !== (tls.key === undefined)) throw new RangeError('etcd client TLS needs both a certificate and its key');
  const timeout = options.requestTimeoutMs ?? DEFAULT_ETCD_REQUEST_TIMEOUT_MS;
  return new Etcd3({
    hosts: options.endpoints.map((e) => e.replace(/\/$/, '')),
    ...(tls?.ca !== undefined || tls?.cert !== undefined
      ? {
          credentials: {
            // null: the system's trusted roots (grpc-js accepts it; etcd3's type does not say so).
            rootCertificate: toBuffer(tls.ca) ?? (null as unknown as Buffer),
            ...(tls.key !== undefined ? { privateKey: toBuffer(tls.key)! } : {}),
            ...(tls.cert !== undefined ? { certChain: toBuffer(tls.cert)! } : {}),
          },
        }
      : {}),
    dialTimeout: timeout,
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + timeout }),
  });
}

function toBuffer(value: string | Buffer | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  return Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
}

/**
 * Runs a call again, a few times, while it fails without having reached any member (no connection could
 * be established: a member is down and the client picked it). Safe for writes too: nothing was sent.
 */
export async function retryUnsent<T>(call: () => Promise<T>, attempts = 5, delayMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !/No connection established/.test(String((error as Error)?.message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
    }
  }
}
