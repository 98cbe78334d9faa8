// Connections to member clusters, built from the kubeconfig each cluster's Secret holds and rebuilt when
// the Secret changes. Controllers never see credentials: only a Client and a raw GET for health probes.
// Both go through one transport per member: one TLS setup and one keep-alive pool for requests (probes
// included), plus the transport's own pool for watches, which have no socket limit so they never starve
// requests. Every member's requests are sent from one thread beside the main one (request-thread.ts);
// watches stay on the main thread, where their events are used.

import { createHttpClientOver, type HttpClient } from './http.js';
import { HttpTransport } from './http-transport.js';
import { loadKubeconfig } from './kubeconfig.js';
import { RequestThread } from './request-thread.js';

export interface MemberConnection {
  client: HttpClient;
  /** GET a non-resource path (/readyz, /version) with the member's credentials. */
  get(path: string): Promise<{ status: number; text: string }>;
}

interface Entry {
  fingerprint: string;
  connection: MemberConnection;
}

export class MemberConnections {
  private readonly byCluster = new Map<string, Entry>();
  private readonly requestThread = new RequestThread();

  constructor(private readonly options: { timeoutMs?: number; fieldManager?: string } = {}) {}

  /**
   * The connection for a cluster, given how to read its kubeconfig text (from the Secret: read only when a
   * connection has to be made) and a fingerprint that changes with it (the Secret's resourceVersion).
   * Throws with a message naming the problem (never the credentials) when the kubeconfig cannot be used.
   */
  connect(cluster: string, kubeconfig: () => string, fingerprint: string): MemberConnection {
    const existing = this.byCluster.get(cluster);
    if (existing && existing.fingerprint === fingerprint) return existing.connection;
    if (existing) this.forget(cluster);
    const config = loadKubeconfig(kubeconfig());
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const transport = new HttpTransport(config, { timeoutMs, requestThread: this.requestThread });
    const client = createHttpClientOver(transport, this.options.fieldManager);
    const connection: MemberConnection = { client, get: (path) => transport.request('GET', path) };
    this.byCluster.set(cluster, { fingerprint, connection });
    return connection;
  }

  forget(cluster: string): void {
    const entry = this.byCluster.get(cluster);
    entry?.connection.client.close();
    this.byCluster.delete(cluster);
  }

  closeAll(): void {
    for (const cluster of [...this.byCluster.keys()]) this.forget(cluster);
    this.requestThread.close();
  }
}
