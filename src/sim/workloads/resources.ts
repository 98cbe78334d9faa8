// Resource requests of pods and capacity of nodes as the scheduler counts them: cpu in millicores,
// everything else in whole units (quantities rounded up, like resource.Quantity's MilliValue/Value).

import { parseQuantity } from '../../machinery/quantity.js';
import type { Container, Node, Pod, ResourceList } from './types-core.js';

export type Amounts = Map<string, number>;

const DEFAULT_MILLI_CPU_REQUEST = 100;
const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** One quantity in the scheduler's unit for that resource. */
export function amountOf(resource: string, quantity: string): number {
  const value = parseQuantity(quantity);
  const scaled = resource === 'cpu' ? value * 1000 : value;
  return Math.ceil(scaled - 1e-9);
}

export function amounts(list: ResourceList | undefined): Amounts {
  const out: Amounts = new Map();
  for (const [name, q] of Object.entries(list ?? {})) out.set(name, amountOf(name, q));
  return out;
}

function add(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) into.set(k, Math.max(into.get(k) ?? 0, v));
}

function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/**
 * The pod's effective requests: containers summed; each init container's request (plus the sidecars
 * started before it) taken as a floor (max rule); sidecars added to the total; overhead added last.
 */
export function podRequests(pod: Pod, perContainer: (c: Container) => Amounts = (c) => amounts(c.resources?.requests)): Amounts {
  const total: Amounts = new Map();
  for (const c of pod.spec.containers ?? []) add(total, perContainer(c));
  const sidecars: Amounts = new Map();
  const initFloor: Amounts = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const req = perContainer(c);
    if (isSidecar(c)) {
      add(total, req);
      add(sidecars, req);
      maxInto(initFloor, sidecars);
    } else {
      const withSidecars: Amounts = new Map(req);
      add(withSidecars, sidecars);
      maxInto(initFloor, withSidecars);
    }
  }
  maxInto(total, initFloor);
  add(total, amounts(pod.spec.overhead));
  return total;
}

/** Requests with the scheduler's scoring defaults for containers that set no cpu/memory request. */
export function podNonZeroRequests(pod: Pod): Amounts {
  return podRequests(pod, (c) => {
    const req = amounts(c.resources?.requests);
    if (!req.has('cpu')) req.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!req.has('memory')) req.set('memory', DEFAULT_MEMORY_REQUEST);
    return req;
  });
}

export function nodeAllocatable(node: Node): Amounts {
  return amounts(node.status?.allocatable ?? node.status?.capacity);
}

/** Sum of the requests of the given pods. */
export function sumRequests(pods: readonly Pod[], of: (p: Pod) => Amounts = podRequests): Amounts {
  const total: Amounts = new Map();
  for (const p of pods) add(total, of(p));
  return total;
}

/** Guaranteed / Burstable / BestEffort, as the API server computes status.qosClass. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || q === undefined || amountOf(r, q) !== amountOf(r, l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
