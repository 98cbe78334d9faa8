// API faults of simulated clusters: a cluster's API can be made unavailable (503 with a Status, or the
// connection dropped, which clients see as a reset), or slow (added latency). Node faults (NotReady)
// are applied by the node simulation; this module only records them.

import type { IncomingMessage, ServerResponse } from 'node:http';

export type ApiOutage = 'unavailable' | 'dropped';

export interface ClusterFaults {
  /** unavailable: every request gets 503; dropped: connections are closed without an answer. */
  outage?: ApiOutage;
  /** Added to every request of the cluster. */
  latencyMs?: number;
  /** All nodes of the cluster stop reporting (Ready=Unknown, unreachable taints). */
  nodesNotReady?: boolean;
}

export type FaultKind = keyof ClusterFaults;

export class FaultInjector {
  private readonly faults = new Map<string, ClusterFaults>();
  private readonly listeners = new Set<(cluster: string, faults: ClusterFaults) => void>();

  get(cluster: string): ClusterFaults {
    return { ...(this.faults.get(cluster) ?? {}) };
  }

  all(): Record<string, ClusterFaults> {
    return Object.fromEntries([...this.faults.entries()].map(([k, v]) => [k, { ...v }]));
  }

  set(cluster: string, faults: ClusterFaults): ClusterFaults {
    const next = { ...(this.faults.get(cluster) ?? {}), ...faults };
    this.store(cluster, next);
    return next;
  }

  /** Heals one kind of fault, or every fault of the cluster. */
  heal(cluster: string, kind?: FaultKind): ClusterFaults {
    const next = kind ? { ...(this.faults.get(cluster) ?? {}) } : {};
    if (kind) delete next[kind];
    this.store(cluster, next);
    return next;
  }

  onChange(listener: (cluster: string, faults: ClusterFaults) => void): void {
    this.listeners.add(listener);
  }

  /** The API server's interceptor: answers requests of faulty clusters itself. */
  readonly intercept = async (cluster: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const faults = this.faults.get(cluster);
    if (!faults) return false;
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.outage === 'dropped') {
      req.socket.destroy();
      return true;
    }
    if (faults.outage === 'unavailable') {
      const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `the API of simulated cluster ${cluster} is down (fault injected); heal it with: kurator sim heal ${cluster}`, reason: 'ServiceUnavailable', code: 503 });
      // Cache-Control as on every kube-apiserver response: without it, clients with an HTTP cache (kubectl's
      // cache under --cache-dir) keep replaying the 503 after the cluster is healed.
      res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-cache, private', 'Retry-After': '1' });
      res.end(body);
      return true;
    }
    return false;
  };

  private store(cluster: string, faults: ClusterFaults): void {
    if (Object.keys(faults).length === 0) this.faults.delete(cluster);
    else this.faults.set(cluster, faults);
    for (const listener of this.listeners) listener(cluster, { ...faults });
  }
}
