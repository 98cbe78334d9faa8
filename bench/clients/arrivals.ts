// Arrival recording inside the simulator process: when asked to track a collection, it watches that
// collection on every simulated cluster in process and records when each object name first appeared
// there (the member stored it). The runner reads the records over a small loopback HTTP API:
//   POST /track {"resource": "deployments", "namespace": "default"}  → 204 once every watch is open
//   GET /arrivals?after=N → {"records": [[member, name, ms], ...], "next": M}
// Watching in process rather than over each member's API keeps the observer off the machine's CPU:
// on a small machine shared by hub, simulator and runner, 100 watch streams carrying every object to
// another process cost the simulator and the runner a share of the cores the hub needs.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInProcessClient } from '../../src/client/inprocess.js';
import { resources } from '../../src/client/resources.js';
import type { WatchHandle } from '../../src/client/types.js';
import type { SimulatedCluster } from '../../src/sim/cluster.js';
import { nowMs } from '../lib/endpoint.js';

export type ArrivalRecord = [member: string, name: string, ms: number];

export interface TrackRequest {
  resource: keyof typeof resources;
  namespace: string;
}

export class ArrivalRecorder {
  private readonly records: ArrivalRecord[] = [];
  private readonly seen = new Set<string>();
  private readonly watches: WatchHandle[] = [];

  constructor(private readonly clusters: Iterable<SimulatedCluster>) {}

  /** Starts recording the collection on every cluster; resolves once every watch is open. */
  async track(request: TrackRequest): Promise<void> {
    const type = resources[request.resource];
    if (!type) throw new Error(`unknown resource ${request.resource}`);
    for (const cluster of this.clusters) {
      const client = createInProcessClient(cluster.logical, { fieldManager: 'bench-arrivals' });
      const list = await client.list(type, request.namespace);
      const member = cluster.name;
      const record = (name: string | undefined): void => {
        if (!name || this.seen.has(`${member}/${name}`)) return;
        this.seen.add(`${member}/${name}`);
        this.records.push([member, name, nowMs()]);
      };
      for (const item of list.items) record(item.metadata.name);
      this.watches.push(
        client.watch(type, request.namespace, { resourceVersion: list.resourceVersion }, (event) => {
          if (event.type === 'ADDED' || event.type === 'MODIFIED') record(event.object.metadata.name);
        }),
      );
    }
  }

  after(index: number): { records: ArrivalRecord[]; next: number } {
    return { records: this.records.slice(index), next: this.records.length };
  }

  stop(): void {
    for (const watch of this.watches.splice(0)) watch.stop();
  }
}

/** Serves the recorder on a loopback port; resolves with its URL. */
export async function serveArrivals(recorder: ArrivalRecorder): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/arrivals') {
      const body = JSON.stringify(recorder.after(Number(url.searchParams.get('after') ?? 0)));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/track') {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        recorder.track(JSON.parse(text) as TrackRequest).then(
          () => res.writeHead(204).end(),
          (error: unknown) => res.writeHead(400, { 'Content-Type': 'text/plain' }).end(error instanceof Error ? error.message : String(error)),
        );
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
