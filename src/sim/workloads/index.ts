// Simulation logic of member-cluster components as pure functions: nodes and their leases, the
// scheduler, the kubelet's pod statuses, and the workload controllers (ReplicaSet, Deployment,
// StatefulSet, DaemonSet, Job, Endpoints). The wiring layer watches objects, calls these with `now`,
// and applies the results through the Client.

export * from './types-core.js';
export * from './types-apps.js';
export { ownedBy, isControlledBy, controllerOf, newControllerRef } from './controller-ref.js';
export { kubeTime, microTime } from './time.js';
export {
  buildNode,
  buildNodeLease,
  renewNodeLease,
  markNodeUnreachable,
  markNodeNotReady,
  healNode,
  nodeHeartbeat,
  isNodeReady,
  healthyNodeConditions,
  KUBELET_VERSION,
  NODE_LEASE_NAMESPACE,
  type SimNodeSpec,
} from './nodes.js';
export {
  schedulePod,
  podScheduledFalseCondition,
  podScheduledTrueCondition,
  withPodCondition,
  bindingFor,
  schedulingEvent,
  type ScheduleResult,
  type PodsByNode,
} from './scheduler.js';
export {
  runningPodStatus,
  finishedPodStatus,
  deletionDecision,
  runsToCompletion,
  podShouldFail,
  FAIL_ANNOTATION,
  type RunningStage,
  type PodAddresses,
  type DeletionDecision,
} from './kubelet.js';
export { reconcileReplicaSet, replicaSetStatus, podCreatedEvent, type ReplicaSetReconcile } from './replicaset.js';
export { reconcileDeployment, type DeploymentReconcile, type DeploymentAction } from './deployment.js';
export { reconcileStatefulSet, revisionsToTruncate, type StatefulSetReconcile } from './statefulset.js';
export type { RevisionAction } from './statefulset-revision.js';
export { reconcileDaemonSet, type DaemonSetReconcile } from './daemonset.js';
export { nodeShouldRunDaemonPod } from './daemonset-pod.js';
export { reconcileJob, type JobReconcile } from './job.js';
export { reconcileEndpoints, findPort, type EndpointsReconcile } from './endpoints.js';
export { computeTemplateHash, controllerRevisionHash } from './hash.js';
