// networking.k8s.io/v1 Ingress.

import type { KubeObject } from '../../machinery/object.js';
import { typedLocalObjectReference } from './meta.js';
import { enumString, int32, list, object, string, stringList } from './schema-builders.js';
import { AGE_COLUMN, arrayAt, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

const ingressBackend = object({
  service: object(
    { name: string(), port: object({ name: string(), number: int32() }, { 'x-kubernetes-map-type': 'atomic' }) },
    { required: ['name'] },
  ),
  resource: typedLocalObjectReference,
});

const httpIngressPath = object(
  {
    path: string(),
    pathType: enumString(['Exact', 'ImplementationSpecific', 'Prefix']),
    backend: ingressBackend,
  },
  { required: ['pathType', 'backend'] },
);

const ingressSpec = object(
  {
    ingressClassName: string({ description: 'The IngressClass (controller) that implements this ingress.' }),
    defaultBackend: ingressBackend,
    tls: list(object({ hosts: stringList(), secretName: string() })),
    rules: list(
      object({ host: string(), http: object({ paths: list(httpIngressPath) }, { required: ['paths'] }) }),
      { description: 'Host and path rules mapping requests to backends.' },
    ),
  },
  { description: 'Routing rules, TLS and the default backend.' },
);

const portStatus = object(
  { port: int32(), protocol: enumString(['SCTP', 'TCP', 'UDP']), error: string() },
  { required: ['port', 'protocol'] },
);

/** HOSTS: up to three rule hosts, "*" when none has a host. */
function ingressHosts(ingress: KubeObject): string {
  const rules = arrayAt(ingress, 'spec', 'rules');
  const hosts: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules) {
    if (hosts.length === max) more = true;
    const host = stringAt(rule, 'host');
    if (!more && host) hosts.push(host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - max} more...` : hosts.join(',');
}

/** ADDRESS: load balancer IPs or host names, sorted, cut to 16 characters. */
function ingressAddress(ingress: KubeObject): string {
  const addresses = new Set<string>();
  for (const entry of arrayAt(ingress, 'status', 'loadBalancer', 'ingress')) {
    const address = stringAt(entry, 'ip') || stringAt(entry, 'hostname');
    if (address) addresses.add(address);
  }
  const text = [...addresses].sort().join(',');
  return text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

export const ingressKind = defineKind({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  namespaced: true,
  shortNames: ['ing'],
  status: true,
  description: 'HTTP(S) routing from outside the cluster to services.',
  properties: {
    spec: ingressSpec,
    status: object(
      {
        loadBalancer: object({
          ingress: list(object({ ip: string(), hostname: string(), ports: list(portStatus) })),
        }),
      },
      { description: 'Addresses the ingress is reachable at.' },
    ),
  },
  printerColumns: [
    { name: 'Class', type: 'string', description: 'The IngressClass.', value: (o) => stringAt(o, 'spec', 'ingressClassName') ?? '<none>' },
    { name: 'Hosts', type: 'string', description: 'Hosts the rules match.', value: ingressHosts },
    { name: 'Address', type: 'string', description: 'Load balancer addresses.', value: ingressAddress },
    {
      name: 'Ports',
      type: 'string',
      description: 'Ports the ingress serves.',
      value: (o) => (arrayAt(o, 'spec', 'tls').length > 0 ? '80, 443' : '80'),
    },
    AGE_COLUMN,
  ],
});
