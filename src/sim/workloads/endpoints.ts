// The Endpoints controller (pkg/controller/endpoint): for a Service with a selector, one address per
// selected pod that has an IP (ready pods under addresses, others under notReadyAddresses unless
// publishNotReadyAddresses), ports resolved per pod from targetPort (numbers or container port names),
// subsets regrouped by identical port sets, and the Endpoints labels. Services without a selector are
// left alone (their Endpoints are the user's).
//
// Wiring: reconcile a Service on changes of the Service and of pods in its namespace matching its
// selector. Create or update the Endpoints named after the Service when `endpoints` differs from the
// stored one; delete it when the Service is gone.

import { deepEqual } from '../../machinery/deep.js';
import { isPodReady, isPodTerminal } from './pod-util.js';
import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset, Pod, Service, ServicePort } from './types-core.js';
import { kubeTime } from './time.js';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export interface EndpointsReconcile {
  /** undefined: the Service has no selector, leave its Endpoints alone. */
  endpoints?: Endpoints;
  changed: boolean;
}

function selected(service: Service, pod: Pod): boolean {
  const selector = service.spec.selector ?? {};
  const labels = pod.metadata.labels ?? {};
  return pod.metadata.namespace === service.metadata.namespace && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** FindPort: a numeric targetPort as is; a named one from the pod's container ports of that protocol. */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  const protocol = port.protocol ?? 'TCP';
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

function address(service: Service, pod: Pod): EndpointAddress {
  const a: EndpointAddress = { ip: pod.status?.podIP ?? pod.status?.podIPs?.[0]?.ip ?? '' };
  if (pod.spec.hostname && pod.spec.subdomain === service.metadata.name) a.hostname = pod.spec.hostname;
  if (pod.spec.nodeName) a.nodeName = pod.spec.nodeName;
  a.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
  return a;
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}/${p.port}/${p.protocol}/${p.appProtocol ?? ''}`;
}

function byAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  return (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1;
}

/** RepackSubsets: group addresses by the exact set of ports they serve; sort addresses and ports. */
function repack(entries: { address: EndpointAddress; ready: boolean; ports: EndpointPort[] }[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  const perAddress = new Map<string, { address: EndpointAddress; ready: boolean; ports: Map<string, EndpointPort> }>();
  for (const e of entries) {
    const key = `${e.address.ip}/${e.address.targetRef?.uid ?? ''}`;
    const cur = perAddress.get(key) ?? { address: e.address, ready: e.ready, ports: new Map() };
    for (const p of e.ports) cur.ports.set(portKey(p), p);
    perAddress.set(key, cur);
  }
  for (const { address: a, ready, ports } of perAddress.values()) {
    const sorted = [...ports.values()].sort((x, y) => (portKey(x) < portKey(y) ? -1 : 1));
    const key = sorted.map(portKey).join(',');
    const g = groups.get(key) ?? { ports: sorted, ready: [], notReady: [] };
    (ready ? g.ready : g.notReady).push(a);
    groups.set(key, g);
  }
  const subsets = [...groups.values()].map((g) => {
    const s: EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(byAddress);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byAddress);
    if (g.ports.length) s.ports = g.ports;
    return s;
  });
  const first = (s: EndpointSubset): string => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return subsets.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

function triggerTime(pod: Pod): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? pod.metadata.creationTimestamp;
}

/**
 * @param pods pods of the Service's namespace (filtered by its selector here)
 * @param current the stored Endpoints, if any
 */
export function reconcileEndpoints(service: Service, pods: readonly Pod[], current: Endpoints | undefined, now: string): EndpointsReconcile {
  const selector = service.spec.selector;
  if (!selector || Object.keys(selector).length === 0) return { changed: false };
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  const entries: { address: EndpointAddress; ready: boolean; ports: EndpointPort[] }[] = [];
  const included: Pod[] = [];
  for (const pod of pods) {
    if (!selected(service, pod) || isPodTerminal(pod)) continue;
    if (!pod.status?.podIP && !pod.status?.podIPs?.length) continue;
    if (!publishNotReady && pod.metadata.deletionTimestamp) continue;
    const ready = publishNotReady || isPodReady(pod);
    const servicePorts = service.spec.ports ?? [];
    if (servicePorts.length === 0) {
      if (service.spec.clusterIP === 'None') {
        entries.push({ address: address(service, pod), ready, ports: [] });
        included.push(pod);
      }
      continue;
    }
    const ports: EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    if (ports.length === 0) continue;
    entries.push({ address: address(service, pod), ready, ports });
    included.push(pod);
  }
  const subsets = repack(entries);
  const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
  const headless = !service.spec.clusterIP || service.spec.clusterIP === 'None';
  if (headless) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];

  const sameSubsets = current !== undefined && deepEqual(current.subsets ?? [], subsets);
  const sameLabels = current !== undefined && deepEqual(current.metadata.labels ?? {}, labels);
  if (sameSubsets && sameLabels) return { endpoints: current, changed: false };

  const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
  const times = [...included.map(triggerTime), service.metadata.creationTimestamp].filter((t): t is string => !!t).sort();
  annotations[LAST_CHANGE_TRIGGER_TIME] = times.at(-1) ?? kubeTime(now);
  const metadata: Endpoints['metadata'] = {
    ...(current?.metadata ?? {}),
    name: service.metadata.name,
    namespace: service.metadata.namespace,
    labels,
    annotations,
  };
  const endpoints: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata };
  if (subsets.length) endpoints.subsets = subsets;
  return { endpoints, changed: true };
}
