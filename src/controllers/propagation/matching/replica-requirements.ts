// What one replica of a workload asks of a cluster: the pod's effective resource requests (the larger of
// the containers' sum and any single init container, as the Kubernetes scheduler counts them). The
// binding carries it as spec.replicaRequirements.resourceRequest for the capacity estimate.

import { isPlainObject, type KubeObject } from '../../../machinery/object.js';
import { formatQuantity, isValidQuantity, parseQuantity } from '../../../machinery/quantity.js';
import { podSpecOf } from './pod-template.js';

type Amounts = Map<string, number>;

function requestsOf(container: unknown): Amounts {
  const amounts: Amounts = new Map();
  const resources = isPlainObject(container) && isPlainObject(container.resources) ? container.resources : {};
  // Requests default to limits when only limits are given.
  const limits = isPlainObject(resources.limits) ? resources.limits : {};
  const requests = isPlainObject(resources.requests) ? resources.requests : {};
  for (const [name, value] of Object.entries({ ...limits, ...requests })) {
    if (typeof value === 'string' && isValidQuantity(value)) amounts.set(name, parseQuantity(value));
    else if (typeof value === 'number') amounts.set(name, value);
  }
  return amounts;
}

/** Per-replica resource requests, or undefined when the workload has no pod template or asks for nothing. */
export function replicaResourceRequest(workload: KubeObject): Record<string, string> | undefined {
  const pod = podSpecOf(workload);
  if (!pod) return undefined;
  const total: Amounts = new Map();
  for (const container of Array.isArray(pod.containers) ? pod.containers : []) {
    for (const [name, amount] of requestsOf(container)) total.set(name, (total.get(name) ?? 0) + amount);
  }
  for (const init of Array.isArray(pod.initContainers) ? pod.initContainers : []) {
    for (const [name, amount] of requestsOf(init)) total.set(name, Math.max(total.get(name) ?? 0, amount));
  }
  if (total.size === 0) return undefined;
  const result: Record<string, string> = {};
  for (const [name, amount] of [...total].sort(([a], [b]) => (a < b ? -1 : 1))) result[name] = formatQuantity(amount, name === 'memory' || name.startsWith('hugepages-') || name === 'ephemeral-storage' ? 'BinarySI' : 'DecimalSI');
  return result;
}
