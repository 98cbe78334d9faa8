// A Service's create and update as kube-apiserver makes them: a cluster IP from the service range (unless
// ExternalName or headless), the defaults kube sets (single-stack IPv4, traffic policies Cluster, load
// balancers allocating node ports), node ports for NodePort and LoadBalancer Services, and the checks of
// service-validation.ts and node-ports.ts.

import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { ClusterIpAllocator } from './cluster-ip.js';
import { allocateNodePorts, carryNodePorts, nodePortCauses, nodePortsOf } from './node-ports.js';
import { serviceCauses } from './service-validation.js';
import { specValidation, type KindStrategy } from './strategy.js';

const usesExternalTraffic = (type: unknown): boolean => type === 'NodePort' || type === 'LoadBalancer';

/** A Service whose type no longer has them drops the fields its old type defaulted, unless the update sets them anew. */
function dropTypeDependentFields(spec: Record<string, unknown>, oldSpec: Record<string, unknown>): void {
  if (usesExternalTraffic(oldSpec.type) && !usesExternalTraffic(spec.type) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
}

function setDefault(spec: Record<string, unknown>, field: string, value: unknown): void {
  if (spec[field] === undefined) spec[field] = value;
}

function applyDefaults(spec: Record<string, unknown>): void {
  const type = spec.type;
  if (type === 'ExternalName') return;
  setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  setDefault(spec, 'ipFamilies', ['IPv4']);
  setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  if (usesExternalTraffic(type)) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
}

function wantsNodePorts(spec: Record<string, unknown>): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

const same = (a: KubeObject, b: KubeObject): boolean => a.metadata.namespace === b.metadata.namespace && a.metadata.name === b.metadata.name;

/** `services` lists the cluster's stored Services (node ports are unique across the cluster). */
export function serviceStrategy(clusterIps: ClusterIpAllocator, services: () => KubeObject[]): KindStrategy {
  // Ports handed out but possibly not stored yet (creates in flight), so two creates never share one.
  const recent = new Set<number>();
  const takenBy = (service: KubeObject): Set<number> => nodePortsOf(services().filter((s) => !same(s, service)));
  return {
    prepareForCreate(object) {
      const spec = isPlainObject(object.spec) ? object.spec : {};
      if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
        const ip = clusterIps.next();
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      }
      applyDefaults(spec);
      object.spec = spec;
      if (wantsNodePorts(spec)) {
        const used = new Set([...nodePortsOf(services()), ...recent]);
        const before = new Set(used);
        allocateNodePorts(object, used);
        for (const port of used) if (!before.has(port)) recent.add(port);
        if (recent.size > 1000) recent.clear();
      }
      object.status = { loadBalancer: {} };
    },
    prepareForUpdate(object, old) {
      const spec = isPlainObject(object.spec) ? object.spec : {};
      const oldSpec = isPlainObject(old.spec) ? old.spec : {};
      if (spec.clusterIP === undefined && oldSpec.clusterIP !== undefined) {
        spec.clusterIP = oldSpec.clusterIP;
        spec.clusterIPs = oldSpec.clusterIPs;
      }
      dropTypeDependentFields(spec, oldSpec);
      applyDefaults(spec);
      object.spec = spec;
      carryNodePorts(object, old);
      if (wantsNodePorts(spec)) allocateNodePorts(object, new Set([...takenBy(object), ...recent]));
    },
    validate: specValidation((object) => [...serviceCauses(object), ...nodePortCauses(object, () => takenBy(object))]),
  };
}
