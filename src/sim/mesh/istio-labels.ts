// Istio's standard metric labels (istio_requests_total, istio_request_duration_milliseconds) and how a
// simulated pod and its caller fill them.

import { ANNOTATION_WORKLOAD } from './annotations.js';

/** Every label of a request series except response_code and cluster, in exposition order. */
export const FLOW_LABEL_NAMES = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_canonical_service',
  'source_canonical_revision',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_cluster',
  'request_protocol',
  'response_flags',
  'grpc_response_status',
  'connection_security_policy',
] as const;

export type FlowLabelName = (typeof FLOW_LABEL_NAMES)[number];

/** Label values of one destination-reported request flow (everything but response_code and cluster). */
export type FlowLabels = Readonly<Record<FlowLabelName, string>>;

/** The simulated caller. Requests come from one in-mesh client per cluster unless the caller says otherwise. */
export interface TrafficSource {
  readonly workload: string;
  readonly namespace: string;
  readonly app: string;
  readonly version: string;
  readonly serviceAccount: string;
  /** mTLS between caller and pods: connection_security_policy "mutual_tls", else "none". */
  readonly mutualTls: boolean;
}

export const DEFAULT_TRAFFIC_SOURCE: TrafficSource = Object.freeze({
  workload: 'kurator-sim-client',
  namespace: 'kurator-sim',
  app: 'kurator-sim-client',
  version: 'v1',
  serviceAccount: 'kurator-sim-client',
  mutualTls: true,
});

/** Identity of the pod that receives the requests. */
export interface DestinationPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** Owning Deployment/StatefulSet name, when the caller knows it. */
  readonly workload?: string;
  readonly serviceAccountName?: string;
}

export interface DestinationService {
  readonly namespace: string;
  readonly name: string;
}

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** destination_workload: the annotation, else the owner the caller resolved, else label app, else the pod name. */
export function workloadName(pod: DestinationPod): string {
  return pod.annotations?.[ANNOTATION_WORKLOAD] || pod.workload || pod.labels['app'] || pod.name;
}

function principal(namespace: string, serviceAccount: string, domain: string): string {
  return `spiffe://${domain}/ns/${namespace}/sa/${serviceAccount}`;
}

/**
 * The flow labels of requests from source to pod through service. Canonical service and revision follow
 * Istio: service.istio.io/canonical-name, app.kubernetes.io/name, app, then the workload name; and
 * service.istio.io/canonical-revision, app.kubernetes.io/version, version, then "latest".
 */
export function flowLabels(
  source: TrafficSource,
  pod: DestinationPod,
  service: DestinationService,
  clusterId: string,
  domain: string = DEFAULT_CLUSTER_DOMAIN,
): FlowLabels {
  const l = pod.labels;
  const workload = workloadName(pod);
  const mtls = source.mutualTls;
  return {
    reporter: 'destination',
    source_workload: source.workload,
    source_workload_namespace: source.namespace,
    source_principal: mtls ? principal(source.namespace, source.serviceAccount, domain) : 'unknown',
    source_app: source.app,
    source_version: source.version,
    source_canonical_service: source.app,
    source_canonical_revision: source.version,
    source_cluster: clusterId,
    destination_workload: workload,
    destination_workload_namespace: pod.namespace,
    destination_principal: mtls ? principal(pod.namespace, pod.serviceAccountName || 'default', domain) : 'unknown',
    destination_app: l['app'] ?? 'unknown',
    destination_version: l['version'] ?? 'unknown',
    destination_service: `${service.name}.${service.namespace}.svc.${domain}`,
    destination_service_name: service.name,
    destination_service_namespace: service.namespace,
    destination_canonical_service: l['service.istio.io/canonical-name'] ?? l['app.kubernetes.io/name'] ?? l['app'] ?? workload,
    destination_canonical_revision: l['service.istio.io/canonical-revision'] ?? l['app.kubernetes.io/version'] ?? l['version'] ?? 'latest',
    destination_cluster: clusterId,
    request_protocol: 'http',
    response_flags: '-',
    grpc_response_status: '',
    connection_security_policy: mtls ? 'mutual_tls' : 'none',
  };
}
