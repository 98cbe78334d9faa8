// The API server's Prometheus metrics, on a registry of its own so several servers can share a process.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  const requests = new Counter({
    name: 'apiserver_request_total',
    help: 'Requests by verb, group, resource and HTTP response code.',
    labelNames: ['verb', 'group', 'resource', 'code'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'apiserver_request_duration_seconds',
    help: 'Request latency by verb, group and resource (watches excluded).',
    labelNames: ['verb', 'group', 'resource'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
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
  // Children per label set, kept: resolving labels on every request costs more than the counting.
  const counted = new Map<string, { inc(): void }>();
  const timed = new Map<string, { observe(value: number): void }>();
  const recordRequest = (verb: string, group: string, resource: string, code: string, seconds: number): void => {
    const key = `${verb}|${group}|${resource}`;
    let counter = counted.get(`${key}|${code}`);
    if (!counter) counted.set(`${key}|${code}`, (counter = requests.labels({ verb, group, resource, code })));
    counter.inc();
    if (verb === 'watch') return;
    let histogram = timed.get(key);
    if (!histogram) timed.set(key, (histogram = latency.labels({ verb, group, resource })));
    histogram.observe(seconds);
  };
  return { registry, recordRequest, watchers, storageRevision, storageObjects };
}
