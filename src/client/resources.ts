// ResourceType constants for the built-in kinds controllers use, and a constructor for any other.

import type { ResourceType } from './types.js';

export function resourceTypeOf(group: string, version: string, resource: string, kind: string, namespaced: boolean): ResourceType {
  return { group, version, resource, kind, namespaced };
}

/** "v1" or "apps/v1": the apiVersion objects of this type carry. */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export const resources = {
  namespaces: resourceTypeOf('', 'v1', 'namespaces', 'Namespace', false),
  nodes: resourceTypeOf('', 'v1', 'nodes', 'Node', false),
  pods: resourceTypeOf('', 'v1', 'pods', 'Pod', true),
  services: resourceTypeOf('', 'v1', 'services', 'Service', true),
  endpoints: resourceTypeOf('', 'v1', 'endpoints', 'Endpoints', true),
  events: resourceTypeOf('', 'v1', 'events', 'Event', true),
  configmaps: resourceTypeOf('', 'v1', 'configmaps', 'ConfigMap', true),
  secrets: resourceTypeOf('', 'v1', 'secrets', 'Secret', true),
  serviceaccounts: resourceTypeOf('', 'v1', 'serviceaccounts', 'ServiceAccount', true),
  leases: resourceTypeOf('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  deployments: resourceTypeOf('apps', 'v1', 'deployments', 'Deployment', true),
  replicasets: resourceTypeOf('apps', 'v1', 'replicasets', 'ReplicaSet', true),
  statefulsets: resourceTypeOf('apps', 'v1', 'statefulsets', 'StatefulSet', true),
  daemonsets: resourceTypeOf('apps', 'v1', 'daemonsets', 'DaemonSet', true),
  controllerrevisions: resourceTypeOf('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  jobs: resourceTypeOf('batch', 'v1', 'jobs', 'Job', true),
  cronjobs: resourceTypeOf('batch', 'v1', 'cronjobs', 'CronJob', true),
  customresourcedefinitions: resourceTypeOf('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false),
  horizontalpodautoscalers: resourceTypeOf('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true),
} as const satisfies Record<string, ResourceType>;
