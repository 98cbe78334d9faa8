// The simulator process: one API server serving every simulated cluster under /clusters/<name>/ on
// memory storage, their simulated components, fleet-wide and per-cluster metrics, and a local admin
// endpoint for faults.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { builtinKinds } from '../api/builtin/index.js';
import { hubCrds } from '../api/crds/index.js';
import { ApiServer } from '../apiserver/api-server.js';
import { kubeconfigYaml } from '../hub/kubeconfig.js';
import { createMemoryStore } from '../storage/memory.js';
import { isPlainObject } from '../machinery/object.js';
import { SimulatedCluster } from './cluster.js';
import { DEFAULT_TIMING, type SimTiming } from './controllers/context.js';
import { FaultInjector, type ClusterFaults, type FaultKind } from './faults.js';
import { EXPOSITION_CONTENT_TYPE, metricsChunks } from './mesh/index.js';
import type { FleetProfile } from './profile.js';

/** The Istio kinds every simulated cluster serves, as a mesh-enabled cluster would. */
const MESH_CRDS = hubCrds.filter((crd) => (crd.spec as { group?: string }).group === 'networking.istio.io' && ['virtualservices', 'destinationrules'].includes((crd.spec as { names: { plural: string } }).names.plural));

export interface SimulatorOptions {
  profile: FleetProfile;
  log: Logger;
  timing?: Partial<SimTiming>;
  /** false: no scheduler, kubelets or workload controllers, so no pods (objects are only stored). Default true. */
  workloads?: boolean;
}

export class Simulator {
  readonly server: ApiServer;
  readonly faults = new FaultInjector();
  readonly clusters = new Map<string, SimulatedCluster>();
  url = '';

  private constructor(options: SimulatorOptions) {
    this.server = new ApiServer({ log: options.log, builtins: builtinKinds, intercept: (cluster, req, res) => this.intercept(cluster, req, res) });
    const nodesDown = new Set<string>();
    this.faults.onChange((cluster, faults) => {
      const down = faults.nodesNotReady === true;
      if (down === nodesDown.has(cluster)) return;
      if (down) nodesDown.add(cluster);
      else nodesDown.delete(cluster);
      void this.clusters.get(cluster)?.nodes.setUnreachable(down).catch((err: unknown) => options.log.warn({ err, cluster }, 'node fault not applied'));
    });
  }

  static async start(options: SimulatorOptions): Promise<Simulator> {
    const simulator = new Simulator(options);
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    let index = 0;
    for (const profile of options.profile.clusters) {
      const logical = await simulator.server.addCluster(profile.name, createMemoryStore(), MESH_CRDS);
      const cluster = new SimulatedCluster(logical, profile, index++, timing, options.log, options.workloads ?? true);
      simulator.clusters.set(profile.name, cluster);
    }
    for (const cluster of simulator.clusters.values()) await cluster.start();
    simulator.server.markReady();
    return simulator;
  }

  async listen(port: number, address: string): Promise<string> {
    const bound = await this.server.listen(port, address);
    const host = bound.address.includes(':') ? `[${bound.address}]` : bound.address;
    this.url = `http://${host}:${bound.port}`;
    return this.url;
  }

  clusterUrl(name: string): string {
    return `${this.url}/clusters/${name}`;
  }

  /** Writes DIR/clusters/<name>.kubeconfig for every cluster; returns their paths by cluster. */
  async writeKubeconfigs(dataDir: string): Promise<Map<string, string>> {
    const dir = join(dataDir, 'clusters');
    await mkdir(dir, { recursive: true });
    const paths = new Map<string, string>();
    for (const name of this.clusters.keys()) {
      const path = join(dir, `${name}.kubeconfig`);
      await writeFile(path, kubeconfigYaml({ server: this.clusterUrl(name), clusterName: name }), { mode: 0o600 });
      paths.set(name, path);
    }
    return paths;
  }

  async stop(): Promise<void> {
    for (const cluster of this.clusters.values()) cluster.stop();
    await this.server.close();
  }

  /** Metrics and admin requests are the simulator's own; faults apply to every other request. */
  private async intercept(cluster: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (cluster === '' && path === '/metrics') return this.serveMetrics(res, [...this.clusters.values()]);
    if (cluster !== '' && path === `/clusters/${cluster}/metrics`) {
      const one = this.clusters.get(cluster);
      return one ? this.serveMetrics(res, [one]) : false;
    }
    if (cluster === '' && path.startsWith('/admin/')) {
      await this.serveAdmin(req, res, path);
      return true;
    }
    return this.faults.intercept(cluster, req, res);
  }

  private serveMetrics(res: ServerResponse, clusters: SimulatedCluster[]): true {
    for (const cluster of clusters) cluster.tick();
    res.writeHead(200, { 'Content-Type': EXPOSITION_CONTENT_TYPE });
    const chunks = metricsChunks({ traffic: clusters.map((c) => c.mesh.traffic), kubeState: clusters.map((c) => c.kubeState()) });
    const pump = (): void => {
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        if (!res.write(next.value)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return true;
  }

  private async serveAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const reply = (code: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    if (path === '/admin/faults' && req.method === 'GET') return reply(200, this.faults.all());
    const match = /^\/admin\/clusters\/([^/]+)\/faults$/.exec(path);
    const name = match?.[1];
    if (!name || !this.clusters.has(name)) return reply(404, { message: `no simulated cluster ${JSON.stringify(name ?? '')}; see GET /admin/faults` });
    if (req.method === 'DELETE') {
      const kind = new URL(req.url ?? '/', 'http://x').searchParams.get('kind') as FaultKind | null;
      return reply(200, this.faults.heal(name, kind ?? undefined));
    }
    if (req.method !== 'PUT' && req.method !== 'POST') return reply(405, { message: 'use PUT to set faults and DELETE to heal them' });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return reply(400, { message: 'the body must be JSON like {"outage":"unavailable","latencyMs":200,"nodesNotReady":true}' });
    }
    const faults = parseFaults(body);
    if (typeof faults === 'string') return reply(400, { message: faults });
    return reply(200, this.faults.set(name, faults));
  }
}

export function parseFaults(body: unknown): ClusterFaults | string {
  if (!isPlainObject(body)) return 'faults must be a JSON object';
  const faults: ClusterFaults = {};
  if (body.outage !== undefined) {
    if (body.outage !== 'unavailable' && body.outage !== 'dropped') return 'outage must be "unavailable" (503) or "dropped" (connections closed)';
    faults.outage = body.outage;
  }
  if (body.latencyMs !== undefined) {
    if (typeof body.latencyMs !== 'number' || body.latencyMs < 0 || body.latencyMs > 600_000) return 'latencyMs must be a number of milliseconds between 0 and 600000';
    faults.latencyMs = body.latencyMs;
  }
  if (body.nodesNotReady !== undefined) {
    if (typeof body.nodesNotReady !== 'boolean') return 'nodesNotReady must be true or false';
    faults.nodesNotReady = body.nodesNotReady;
  }
  return faults;
}
