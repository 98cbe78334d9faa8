// Whether a member object is healthy, for the kinds that have a rule. A kind without a rule counts as
// Healthy; an object of a known kind whose fields cannot be read is Unknown.

import type { KubeObject } from '../../../machinery/object.js';
import { ingressPoints, isLoadBalancerService } from './load-balancer.js';
import { K, kindKey } from './kind.js';
import { generationOf, intAt, Malformed, objectAt, objectListAt, optionalIntAt, stringAt } from './read.js';
import type { Health, Status } from './types.js';

const specOf = (obj: KubeObject): Status => objectAt(obj, 'spec');
const statusOrEmpty = (obj: KubeObject): Status => objectAt(obj, 'status');

/** The member controller saw the latest spec. */
function observedLatest(obj: KubeObject): boolean {
  return intAt(statusOrEmpty(obj), 'observedGeneration') === generationOf(obj);
}

function deploymentHealthy(obj: KubeObject): boolean {
  const status = statusOrEmpty(obj);
  const replicas = optionalIntAt(specOf(obj), 'replicas');
  const updated = intAt(status, 'updatedReplicas');
  if (!observedLatest(obj)) return false;
  if (replicas !== undefined && updated < replicas) return false;
  return intAt(status, 'availableReplicas') >= updated;
}

/** A partitioned rolling update is done once the pods at or above the partition are updated. */
function statefulSetHealthy(obj: KubeObject): boolean {
  const spec = specOf(obj);
  const status = statusOrEmpty(obj);
  const replicas = optionalIntAt(spec, 'replicas');
  const updated = intAt(status, 'updatedReplicas');
  const available = intAt(status, 'availableReplicas');
  if (!observedLatest(obj)) return false;
  if (replicas !== undefined) {
    const partition = optionalIntAt(objectAt(objectAt(spec, 'updateStrategy'), 'rollingUpdate'), 'partition') ?? 0;
    if (updated < replicas - partition) return false;
    if (available < replicas) return false;
  }
  return available >= updated;
}

function replicaSetHealthy(obj: KubeObject): boolean {
  const replicas = optionalIntAt(specOf(obj), 'replicas');
  if (!observedLatest(obj)) return false;
  return replicas === undefined || intAt(statusOrEmpty(obj), 'availableReplicas') >= replicas;
}

function daemonSetHealthy(obj: KubeObject): boolean {
  const status = statusOrEmpty(obj);
  const updated = intAt(status, 'updatedNumberScheduled');
  if (!observedLatest(obj)) return false;
  if (updated < intAt(status, 'desiredNumberScheduled')) return false;
  return intAt(status, 'numberAvailable') >= updated;
}

const hasAddress = (points: Status[]): boolean => points.some((p) => stringAt(p, 'hostname') !== '' || stringAt(p, 'ip') !== '');

function serviceHealthy(obj: KubeObject): boolean {
  return !isLoadBalancerService(obj) || hasAddress(ingressPoints(statusOrEmpty(obj)));
}

function ingressHealthy(obj: KubeObject): boolean {
  return hasAddress(ingressPoints(statusOrEmpty(obj)));
}

function persistentVolumeClaimHealthy(obj: KubeObject): boolean {
  return stringAt(statusOrEmpty(obj), 'phase') === 'Bound';
}

function podHealthy(obj: KubeObject): boolean {
  const status = statusOrEmpty(obj);
  const phase = stringAt(status, 'phase');
  if (phase === 'Succeeded') return true;
  const ready = objectListAt(status, 'conditions').find((c) => stringAt(c, 'type') === 'Ready');
  return phase === 'Running' && ready !== undefined && stringAt(ready, 'status') === 'True';
}

function podDisruptionBudgetHealthy(obj: KubeObject): boolean {
  const status = statusOrEmpty(obj);
  return intAt(status, 'currentHealthy') >= intAt(status, 'desiredHealthy');
}

const RULES: Readonly<Record<string, (obj: KubeObject) => boolean>> = {
  [K.deployment]: deploymentHealthy,
  [K.statefulSet]: statefulSetHealthy,
  [K.replicaSet]: replicaSetHealthy,
  [K.daemonSet]: daemonSetHealthy,
  [K.service]: serviceHealthy,
  [K.ingress]: ingressHealthy,
  [K.persistentVolumeClaim]: persistentVolumeClaimHealthy,
  [K.pod]: podHealthy,
  [K.podDisruptionBudget]: podDisruptionBudgetHealthy,
};

/** Health of a member object; kinds without a rule (Job, CronJob, PersistentVolume, custom kinds...) are Healthy. */
export function interpretHealth(member: KubeObject): Health {
  const rule = RULES[kindKey(member)];
  if (!rule) return 'Healthy';
  try {
    return rule(member) ? 'Healthy' : 'Unhealthy';
  } catch (error) {
    if (error instanceof Malformed) return 'Unknown';
    throw error;
  }
}
