// Kurator's own default roles.
//
// kurator:fleet-admin manages the fleet API (fleets, clusters, propagation and every kurator.dev group)
// and the Secrets that hold member kubeconfigs: registering a cluster means writing its kubeconfig Secret,
// and whoever may write PropagationPolicies can already send any Secret to a member of their choosing,
// so withholding Secret access from this role would protect nothing.
//
// kurator:fleet-viewer reads fleet and cluster status, policies, bindings and Works, never Secrets. Note
// that a Work holds the manifests it propagates, so a viewer sees any Secret a policy propagates.
//
// system:kurator:controller-manager is what the hub's in-process controllers need: read everything (any
// kind can be a propagation template; Secrets hold kubeconfigs and dependencies), patch templates to claim
// them and write their status, write bindings and Works, create execution namespaces and Events, and keep
// fleet and cluster status. escalate/bind on roles let it claim RBAC templates, whose patch is checked
// against the rules they grant.

import { RBAC_GROUP, type PolicyRule } from './policy.js';

const READ = ['get', 'list', 'watch'];
const ALL_VERBS = ['*'];

const FLEET_GROUPS = ['fleet.kurator.dev', 'cluster.kurator.dev'];
const POLICY_GROUPS = ['policy.karmada.io', 'policy.kurator.dev', 'kurator.dev'];
const WORK_GROUPS = ['work.karmada.io'];
const KURATOR_APP_GROUPS = [
  'apps.kurator.dev',
  'rollout.kurator.dev',
  'slo.kurator.dev',
  'pipeline.kurator.dev',
  'cd.kurator.dev',
  'backup.kurator.dev',
  'autoscaling.kurator.dev',
  'scheduling.kurator.dev',
  'gitops.kurator.dev',
];

export function fleetAdminRules(): PolicyRule[] {
  return [
    { apiGroups: [...FLEET_GROUPS, ...POLICY_GROUPS, ...WORK_GROUPS, ...KURATOR_APP_GROUPS], resources: ['*'], verbs: ALL_VERBS },
    { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
    { apiGroups: [''], resources: ['namespaces', 'events'], verbs: READ },
  ];
}

export function fleetViewerRules(): PolicyRule[] {
  return [
    { apiGroups: ['fleet.kurator.dev'], resources: ['fleets', 'fleets/status', 'clusters', 'clusters/status'], verbs: READ },
    { apiGroups: ['cluster.kurator.dev'], resources: ['attachedclusters', 'attachedclusters/status', 'clusters', 'clusters/status'], verbs: READ },
    { apiGroups: POLICY_GROUPS, resources: ['propagationpolicies', 'clusterpropagationpolicies', 'overridepolicies', 'clusteroverridepolicies'], verbs: READ },
    { apiGroups: WORK_GROUPS, resources: ['resourcebindings', 'resourcebindings/status', 'clusterresourcebindings', 'clusterresourcebindings/status', 'works', 'works/status'], verbs: READ },
    { apiGroups: [''], resources: ['namespaces', 'events'], verbs: READ },
  ];
}

export function controllerManagerRules(): PolicyRule[] {
  return [
    { apiGroups: ['*'], resources: ['*'], verbs: READ },
    { apiGroups: ['*'], resources: ['*'], verbs: ['patch'] },
    { apiGroups: ['*'], resources: ['*/status'], verbs: ['patch', 'update'] },
    { apiGroups: WORK_GROUPS, resources: ['works', 'resourcebindings', 'clusterresourcebindings'], verbs: ['create', 'delete', 'patch', 'update'] },
    // Execution spaces (karmada-es-<cluster>) are made for clusters and removed with them.
    { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'delete'] },
    // Leader election among hubs sharing one etcd.
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'update'] },
    { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    { apiGroups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['bind', 'escalate'] },
  ];
}
