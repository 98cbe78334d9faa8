// Kinds are told apart by API group and kind; the version does not matter to the interpreter.

import type { KubeObject } from '../../../machinery/object.js';

export function groupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  const slash = v.indexOf('/');
  return slash < 0 ? '' : v.slice(0, slash);
}

/** `group/Kind`, with an empty group for the core API: `apps/Deployment`, `/Service`. */
export function kindKey(obj: KubeObject): string {
  return `${groupOf(obj.apiVersion)}/${obj.kind ?? ''}`;
}

export const K = {
  deployment: 'apps/Deployment',
  statefulSet: 'apps/StatefulSet',
  daemonSet: 'apps/DaemonSet',
  replicaSet: 'apps/ReplicaSet',
  job: 'batch/Job',
  cronJob: 'batch/CronJob',
  service: '/Service',
  pod: '/Pod',
  persistentVolume: '/PersistentVolume',
  persistentVolumeClaim: '/PersistentVolumeClaim',
  ingress: 'networking.k8s.io/Ingress',
  podDisruptionBudget: 'policy/PodDisruptionBudget',
  horizontalPodAutoscaler: 'autoscaling/HorizontalPodAutoscaler',
} as const;
