// The kinds whose protobuf request bodies the server decodes: apiVersion/kind -> message name.

const CORE = 'k8s.io.api.core.v1';

const byGroup: Record<string, [string, string[]]> = {
  v1: [CORE, ['Namespace', 'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Pod', 'Event', 'Endpoints', 'Node',
    'PersistentVolumeClaim', 'PersistentVolume', 'LimitRange', 'ResourceQuota', 'ReplicationController', 'PodTemplate', 'Binding']],
  'apps/v1': ['k8s.io.api.apps.v1', ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision']],
  'batch/v1': ['k8s.io.api.batch.v1', ['Job', 'CronJob']],
  'coordination.k8s.io/v1': ['k8s.io.api.coordination.v1', ['Lease']],
  'autoscaling/v1': ['k8s.io.api.autoscaling.v1', ['HorizontalPodAutoscaler', 'Scale']],
  'autoscaling/v2': ['k8s.io.api.autoscaling.v2', ['HorizontalPodAutoscaler']],
  'networking.k8s.io/v1': ['k8s.io.api.networking.v1', ['Ingress', 'IngressClass', 'NetworkPolicy']],
  'storage.k8s.io/v1': ['k8s.io.api.storage.v1', ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment']],
  'events.k8s.io/v1': ['k8s.io.api.events.v1', ['Event']],
  'apiextensions.k8s.io/v1': ['k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1', ['CustomResourceDefinition']],
  'rbac.authorization.k8s.io/v1': ['k8s.io.api.rbac.v1', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']],
  'authentication.k8s.io/v1': ['k8s.io.api.authentication.v1', ['TokenRequest', 'TokenReview', 'SelfSubjectReview']],
  'authorization.k8s.io/v1': ['k8s.io.api.authorization.v1',
    ['SelfSubjectAccessReview', 'SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectRulesReview']],
  'policy/v1': ['k8s.io.api.policy.v1', ['PodDisruptionBudget', 'Eviction']],
  'scheduling.k8s.io/v1': ['k8s.io.api.scheduling.v1', ['PriorityClass']],
  'discovery.k8s.io/v1': ['k8s.io.api.discovery.v1', ['EndpointSlice']],
  'certificates.k8s.io/v1': ['k8s.io.api.certificates.v1', ['CertificateSigningRequest']],
  'admissionregistration.k8s.io/v1': ['k8s.io.api.admissionregistration.v1', ['ValidatingWebhookConfiguration',
    'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']],
  'node.k8s.io/v1': ['k8s.io.api.node.v1', ['RuntimeClass']],
};

export function kindTable(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [apiVersion, [pkg, kinds]] of Object.entries(byGroup)) {
    for (const kind of kinds) out[`${apiVersion}/${kind}`] = `${pkg}.${kind}`;
  }
  return out;
}

/** Reached only through messages with a hand-written JSON form (or no kind), so named as extra roots. */
export const EXTRA_ROOTS = [
  'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
];
