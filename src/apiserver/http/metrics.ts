// The API server's Prometheus metrics, on a registry of its own so several servers can share a process.

import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { RequestMetrics } from './request-metrics.js';

export interface ApiMetrics {
  registry: Registry;
  /** Counts a finished request and, unless it is a watch, its latency. */
  recordRequest(verb: string, group: string, resource: string, code: string, seconds: number): void;
  watchers: Gauge<'group' | 'resource'>;
  storageRevision: Gauge<'cluster'>;
  storageObjects: Gauge<'cluster'>;
}

export function createApiMetrics(collect: { revision: () => { cluster: string; revision: number; objects: number }[] }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new RequestMetrics();
  requests.register(registry);
  const watchers = new Gauge({
    name: 'apiserver_registered_watchers',
    help: 'Open watch streams by group and resource.',
    labelNames: ['group', 'resource'] as const,
    registers: [registry],
  });
  const storageRevision = new Gauge({
    name: 'kurator_storage_revision',
    help: 'The latest committed storage revision of each logical cluster.',
    labelNames: ['cluster'] as const,
    registers: [registry],
    collect() {
      for (const c of collect.revision()) this.set({ cluster: c.cluster }, c.revision);
    },
  });
  const storageObjects = new Gauge({
    name: 'apiserver_storage_objects',
    help: 'Stored objects in each logical cluster.',
    labelNames: ['cluster'] as const,
    registers: [registry],
    collect() {
      for (const c of collect.revision()) this.set({ cluster: c.cluster }, c.objects);
    },
  });
  const recordRequest = requests.record.bind(requests);
  return { registry, recordRequest, watchers, storageRevision, storageObjects };
}
