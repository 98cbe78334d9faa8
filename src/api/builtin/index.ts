// Every built-in kind the hub serves.

import type { KindDefinition } from '../types.js';
import { namespaceKind } from './namespace.js';
import { secretKind } from './secret.js';
import { configMapKind } from './config-map.js';
import { eventKind } from './event.js';
import { serviceAccountKind } from './service-account.js';
import { serviceKind } from './service.js';
import { endpointsKind } from './endpoints.js';
import { podKind } from './pod.js';
import { nodeKind } from './node.js';
import { persistentVolumeClaimKind } from './persistent-volume-claim.js';
import { persistentVolumeKind } from './persistent-volume.js';
import { limitRangeKind } from './limit-range.js';
import { resourceQuotaKind } from './resource-quota.js';
import { deploymentKind } from './deployment.js';
import { replicaSetKind } from './replica-set.js';
import { statefulSetKind } from './stateful-set.js';
import { daemonSetKind } from './daemon-set.js';
import { controllerRevisionKind } from './controller-revision.js';
import { jobKind } from './job.js';
import { cronJobKind } from './cron-job.js';
import { leaseKind } from './lease.js';
import { horizontalPodAutoscalerKind } from './horizontal-pod-autoscaler.js';
import { ingressKind } from './ingress.js';
import { networkPolicyKind } from './network-policy.js';
import { storageClassKind } from './storage-class.js';
import { eventsV1EventKind } from './events-v1.js';
import { customResourceDefinitionKind } from './custom-resource-definition.js';
import { rbacKinds } from './rbac.js';
import { authorizationKinds } from './authorization.js';
import { authenticationKinds } from './authentication.js';

export const builtinKinds: KindDefinition[] = [
  namespaceKind,
  secretKind,
  configMapKind,
  eventKind,
  serviceAccountKind,
  serviceKind,
  endpointsKind,
  podKind,
  nodeKind,
  persistentVolumeClaimKind,
  persistentVolumeKind,
  limitRangeKind,
  resourceQuotaKind,
  deploymentKind,
  replicaSetKind,
  statefulSetKind,
  daemonSetKind,
  controllerRevisionKind,
  jobKind,
  cronJobKind,
  leaseKind,
  horizontalPodAutoscalerKind,
  ingressKind,
  networkPolicyKind,
  storageClassKind,
  eventsV1EventKind,
  customResourceDefinitionKind,
  ...rbacKinds,
  ...authorizationKinds,
  ...authenticationKinds,
];

export {
  namespaceKind, secretKind, configMapKind, eventKind, serviceAccountKind, serviceKind, endpointsKind, podKind, nodeKind,
  persistentVolumeClaimKind, persistentVolumeKind, limitRangeKind, resourceQuotaKind, deploymentKind, replicaSetKind,
  statefulSetKind, daemonSetKind, controllerRevisionKind, jobKind, cronJobKind, leaseKind, horizontalPodAutoscalerKind,
  ingressKind, networkPolicyKind, storageClassKind, eventsV1EventKind, customResourceDefinitionKind,
};
