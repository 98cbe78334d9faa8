// networking.k8s.io/v1 NetworkPolicy.

import { labelSelector } from './meta.js';
import { enumString, int32, intOrString, list, object, string, stringList } from './schema-builders.js';
import { AGE_COLUMN, at, formatLabelSelector } from './cells.js';
import { defineKind } from './define-kind.js';

const networkPolicyPort = object({
  protocol: enumString(['SCTP', 'TCP', 'UDP'], { default: 'TCP' }),
  port: intOrString(),
  endPort: int32(),
});

const networkPolicyPeer = object({
  podSelector: labelSelector(),
  namespaceSelector: labelSelector(),
  ipBlock: object({ cidr: string(), except: stringList() }, { required: ['cidr'] }),
});

export const networkPolicyKind = defineKind({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  namespaced: true,
  shortNames: ['netpol'],
  description: 'Which traffic is allowed to and from a set of pods.',
  properties: {
    spec: object(
      {
        podSelector: labelSelector({ description: 'Pods the policy applies to; empty selects all pods in the namespace.' }),
        ingress: list(object({ ports: list(networkPolicyPort), from: list(networkPolicyPeer) })),
        egress: list(object({ ports: list(networkPolicyPort), to: list(networkPolicyPeer) })),
        policyTypes: list(enumString(['Egress', 'Ingress'])),
      },
      { description: 'Selected pods and the allowed ingress and egress traffic.' },
    ),
  },
  printerColumns: [
    { name: 'Pod-Selector', type: 'string', description: 'Pods the policy applies to.', value: (o) => formatLabelSelector(at(o, 'spec', 'podSelector')) },
    AGE_COLUMN,
  ],
});
