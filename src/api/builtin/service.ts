// core/v1 Service.

import type { KubeObject } from '../../machinery/object.js';
import { conditionList, metaCondition } from './meta.js';
import {
  boolean, enumString, int32, intOrString, list, mapList, object, patchMerge, string, stringList, stringMap,
} from './schema-builders.js';
import { AGE_COLUMN, arrayAt, formatLabels, numberAt, recordAt, selectField, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

const protocol = enumString(['SCTP', 'TCP', 'UDP'], { default: 'TCP' });

const servicePort = object(
  {
    name: string(),
    protocol,
    appProtocol: string(),
    port: int32(),
    targetPort: intOrString(),
    nodePort: int32(),
  },
  { required: ['port'] },
);

const portStatus = object(
  { port: int32(), protocol: enumString(['SCTP', 'TCP', 'UDP']), error: string() },
  { required: ['port', 'protocol'] },
);

export const loadBalancerIngress = object({
  ip: string(),
  hostname: string(),
  ipMode: enumString(['Proxy', 'VIP']),
  ports: list(portStatus),
});

const serviceSpec = object(
  {
    ports: mapList(servicePort, ['port', 'protocol'], { ...patchMerge('port'), description: 'Ports the service exposes.' }),
    selector: stringMap({ 'x-kubernetes-map-type': 'atomic', description: 'Pods with these labels receive the traffic.' }),
    clusterIP: string(),
    clusterIPs: stringList(),
    type: enumString(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'], { default: 'ClusterIP' }),
    externalIPs: stringList(),
    sessionAffinity: enumString(['ClientIP', 'None'], { default: 'None' }),
    loadBalancerIP: string(),
    loadBalancerSourceRanges: stringList(),
    externalName: string(),
    externalTrafficPolicy: enumString(['Cluster', 'Local']),
    healthCheckNodePort: int32(),
    publishNotReadyAddresses: boolean(),
    sessionAffinityConfig: object({ clientIP: object({ timeoutSeconds: int32() }) }),
    ipFamilies: list(enumString(['IPv4', 'IPv6'])),
    ipFamilyPolicy: enumString(['PreferDualStack', 'RequireDualStack', 'SingleStack']),
    allocateLoadBalancerNodePorts: boolean(),
    loadBalancerClass: string(),
    internalTrafficPolicy: enumString(['Cluster', 'Local']),
    trafficDistribution: string(),
  },
  { description: 'How the service is exposed and which pods back it.' },
);

/** EXTERNAL-IP as kubectl prints it for each service type. */
function externalIP(service: KubeObject): string {
  const externalIPs = arrayAt(service, 'spec', 'externalIPs').map(String);
  switch (stringAt(service, 'spec', 'type') ?? '') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = new Set<string>();
      for (const entry of arrayAt(service, 'status', 'loadBalancer', 'ingress')) {
        const address = stringAt(entry, 'ip') || stringAt(entry, 'hostname');
        if (address) ingress.add(address);
      }
      let lbIPs = [...ingress].sort().join(',');
      if (externalIPs.length > 0) return [...(lbIPs ? lbIPs.split(',') : []), ...externalIPs].join(',');
      if (lbIPs.length > 16) lbIPs = `${lbIPs.slice(0, 13)}...`;
      return lbIPs || '<pending>';
    }
    case 'ExternalName':
      return stringAt(service, 'spec', 'externalName') ?? '';
    default:
      return '<unknown>';
  }
}

/** PORT(S): "80/TCP", with the node port for NodePort and LoadBalancer services ("80:30080/TCP"). */
export function servicePorts(service: KubeObject): string {
  const ports = arrayAt(service, 'spec', 'ports').map((port) => {
    const number = numberAt(port, 'port') ?? 0;
    const protocolName = stringAt(port, 'protocol') ?? '';
    const nodePort = numberAt(port, 'nodePort') ?? 0;
    return nodePort > 0 ? `${number}:${nodePort}/${protocolName}` : `${number}/${protocolName}`;
  });
  return ports.length > 0 ? ports.join(',') : '<none>';
}

export const serviceKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'Service',
  generation: false,
  plural: 'services',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  status: true,
  description: 'A stable virtual IP and DNS name in front of a set of pods.',
  properties: {
    spec: serviceSpec,
    status: object(
      { loadBalancer: object({ ingress: list(loadBalancerIngress) }), conditions: conditionList(metaCondition) },
      { description: 'Observed state: load balancer addresses and conditions.' },
    ),
  },
  printerColumns: [
    { name: 'Type', type: 'string', description: 'How the service is exposed.', value: (o) => stringAt(o, 'spec', 'type') ?? '' },
    {
      name: 'Cluster-IP',
      type: 'string',
      description: 'The virtual IP inside the cluster.',
      value: (o) => stringAt(o, 'spec', 'clusterIPs', 0) || stringAt(o, 'spec', 'clusterIP') || '<none>',
    },
    { name: 'External-IP', type: 'string', description: 'Addresses reachable from outside the cluster.', value: externalIP },
    { name: 'Port(s)', type: 'string', description: 'Ports the service exposes.', value: servicePorts },
    AGE_COLUMN,
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Pods with these labels receive the traffic.',
      value: (o) => formatLabels(recordAt(o, 'spec', 'selector')),
    },
  ],
  fieldSelectors: { 'spec.clusterIP': selectField('spec', 'clusterIP'), 'spec.type': selectField('spec', 'type') },
});
