// Informer indexes the controllers of a simulated cluster read through, so a reconcile touches the objects
// it is about (a workload's pods, a node's pods, the pods a Service selects) instead of a whole cache.
// Several controllers share one informer per kind: each index is added once, by whoever needs it first.

import type { Informer } from '../../client/controller-types.js';
import type { KubeObject } from '../../machinery/object.js';
import { isPodTerminal } from '../workloads/pod-util.js';
import type { Pod } from '../workloads/types-core.js';

/** Objects by the uid of their controlling owner (ownerReferences with controller: true). */
export const BY_CONTROLLER_UID = 'sim/controller-uid';
/** Non-terminal pods by spec.nodeName: what the scheduler counts against each node. */
export const BOUND_BY_NODE = 'sim/bound-by-node';
/** Pods without spec.nodeName, all under UNSCHEDULED_VALUE. */
export const UNSCHEDULED = 'sim/unscheduled';
const UNSCHEDULED_VALUE = 'unscheduled';
/** Pods by each `<namespace>/<label>=<value>` they carry. */
export const POD_LABELS = 'sim/pod-labels';
/** Services by each `<namespace>/<key>=<value>` of their spec.selector. */
export const SERVICE_SELECTOR_PAIRS = 'sim/service-selector-pairs';

const added = new WeakMap<Informer, Set<string>>();

function ensureIndex(informer: Informer, name: string, keys: (object: KubeObject) => string[]): void {
  let names = added.get(informer);
  if (!names) added.set(informer, (names = new Set()));
  if (names.has(name)) return;
  informer.addIndex(name, keys);
  names.add(name);
}

const pairKey = (namespace: string | undefined, key: string, value: string): string => `${namespace ?? ''}/${key}=${value}`;

function selectorOf(service: KubeObject): Record<string, string> {
  const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
  return selector ?? {};
}

export function indexByController(informer: Informer): void {
  ensureIndex(informer, BY_CONTROLLER_UID, (o) => (o.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid));
}

export function indexPodsByNode(pods: Informer): void {
  ensureIndex(pods, BOUND_BY_NODE, (o) => {
    const pod = o as unknown as Pod;
    return pod.spec?.nodeName && !isPodTerminal(pod) ? [pod.spec.nodeName] : [];
  });
  ensureIndex(pods, UNSCHEDULED, (o) => ((o as unknown as Pod).spec?.nodeName ? [] : [UNSCHEDULED_VALUE]));
}

export function indexSelection(pods: Informer, services: Informer): void {
  ensureIndex(pods, POD_LABELS, (o) => Object.entries(o.metadata.labels ?? {}).map(([k, v]) => pairKey(o.metadata.namespace, k, v)));
  ensureIndex(services, SERVICE_SELECTOR_PAIRS, (o) => Object.entries(selectorOf(o)).map(([k, v]) => pairKey(o.metadata.namespace, k, v)));
}

/** Objects of the owner's namespace whose controlling ownerReference is the owner (needs indexByController). */
export function controlledBy<T = KubeObject>(informer: Informer, owner: KubeObject): T[] {
  const namespace = owner.metadata.namespace;
  const found = informer.byIndex(BY_CONTROLLER_UID, owner.metadata.uid ?? '');
  return (namespace === undefined ? found : found.filter((o) => o.metadata.namespace === namespace)) as unknown as T[];
}

/** Non-terminal pods bound to each of the nodes (needs indexPodsByNode). */
export function podsByNode(pods: Informer, nodeNames: readonly string[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const name of nodeNames) {
    const bound = pods.byIndex(BOUND_BY_NODE, name);
    if (bound.length) out.set(name, bound as unknown as Pod[]);
  }
  return out;
}

/** Pods not bound to a node yet (needs indexPodsByNode). */
export function unscheduledPods(pods: Informer): KubeObject[] {
  return pods.byIndex(UNSCHEDULED, UNSCHEDULED_VALUE);
}

/**
 * The pods of the Service's namespace that may match its selector: those carrying its rarest selector pair
 * (the caller still checks the whole selector). None for a Service without a selector. Needs indexSelection.
 */
export function podsForSelector(pods: Informer, service: KubeObject): KubeObject[] {
  let smallest: KubeObject[] | undefined;
  for (const [k, v] of Object.entries(selectorOf(service))) {
    const bucket = pods.byIndex(POD_LABELS, pairKey(service.metadata.namespace, k, v));
    if (!smallest || bucket.length < smallest.length) smallest = bucket;
    if (smallest.length === 0) break;
  }
  return smallest ?? [];
}

/** Services of the pod's namespace with a non-empty selector the pod's labels satisfy (needs indexSelection). */
export function servicesSelecting(services: Informer, pod: KubeObject): KubeObject[] {
  const labels = pod.metadata.labels ?? {};
  const found = new Set<KubeObject>();
  for (const [k, v] of Object.entries(labels)) {
    for (const service of services.byIndex(SERVICE_SELECTOR_PAIRS, pairKey(pod.metadata.namespace, k, v))) found.add(service);
  }
  return [...found].filter((s) => Object.entries(selectorOf(s)).every(([k, v]) => labels[k] === v));
}
