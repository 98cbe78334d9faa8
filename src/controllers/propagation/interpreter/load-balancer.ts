// Service and Ingress: the load-balancer ingress points of every member, each marked with the cluster
// it came from when it has no hostname of its own.

import type { KubeObject } from '../../../machinery/object.js';
import { objectAt, objectListAt, statusOf, stringAt } from './read.js';
import type { Status, StatusItem } from './types.js';

export function isLoadBalancerService(service: KubeObject): boolean {
  return stringAt(objectAt(service, 'spec'), 'type') === 'LoadBalancer';
}

export function ingressPoints(status: Status): Status[] {
  return objectListAt(objectAt(status, 'loadBalancer'), 'ingress');
}

/** Only a LoadBalancer Service has a status worth recording: its load balancer. */
export function reflectService(member: KubeObject): Status | undefined {
  if (!isLoadBalancerService(member)) return undefined;
  const status = statusOf(member);
  if (!status) return undefined;
  return { loadBalancer: structuredClone(objectAt(status, 'loadBalancer')) };
}

function collectIngress(items: readonly StatusItem[]): Status {
  const ingress: Status[] = [];
  for (const item of items) {
    if (!item.status) continue;
    for (const point of ingressPoints(item.status)) {
      const copy = structuredClone(point);
      if (!stringAt(copy, 'hostname')) copy.hostname = item.clusterName;
      ingress.push(copy);
    }
  }
  return ingress.length > 0 ? { ingress } : {};
}

/** A Service that is not a LoadBalancer keeps its status (undefined). */
export function aggregateService(template: KubeObject, items: readonly StatusItem[]): Status | undefined {
  if (!isLoadBalancerService(template)) return undefined;
  return { ...(statusOf(template) ?? {}), loadBalancer: collectIngress(items) };
}

export function aggregateIngress(template: KubeObject, items: readonly StatusItem[]): Status {
  return { ...(statusOf(template) ?? {}), loadBalancer: collectIngress(items) };
}
