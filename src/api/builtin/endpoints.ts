// core/v1 Endpoints.

import type { KubeObject } from '../../machinery/object.js';
import { objectReference } from './meta.js';
import { enumString, int32, list, object, string } from './schema-builders.js';
import { AGE_COLUMN, arrayAt, numberAt, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

const endpointAddress = object(
  { ip: string(), hostname: string(), nodeName: string(), targetRef: objectReference },
  { required: ['ip'], 'x-kubernetes-map-type': 'atomic' },
);

const endpointPort = object(
  {
    name: string(),
    port: int32(),
    protocol: enumString(['SCTP', 'TCP', 'UDP'], { default: 'TCP' }),
    appProtocol: string(),
  },
  { required: ['port'], 'x-kubernetes-map-type': 'atomic' },
);

const endpointSubset = object({
  addresses: list(endpointAddress),
  notReadyAddresses: list(endpointAddress),
  ports: list(endpointPort),
});

/** ENDPOINTS: up to three "ip:port" entries, then "+ N more...". */
function formatEndpoints(endpoints: KubeObject): string {
  const subsets = arrayAt(endpoints, 'subsets');
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  const max = 3;
  let count = 0;
  let more = false;
  for (const subset of subsets) {
    const addresses = arrayAt(subset, 'addresses');
    const ports = arrayAt(subset, 'ports');
    if (ports.length === 0) {
      count += addresses.length;
      for (const address of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(stringAt(address, 'ip') ?? '');
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const address of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        const ip = stringAt(address, 'ip') ?? '';
        const host = ip.includes(':') ? `[${ip}]` : ip;
        shown.push(`${host}:${numberAt(port, 'port') ?? 0}`);
      }
    }
  }
  const text = shown.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  generation: false,
  plural: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  description: 'The addresses and ports that implement a service.',
  properties: {
    subsets: list(endpointSubset, { description: 'Groups of addresses that share the same ports.' }),
  },
  printerColumns: [
    { name: 'Endpoints', type: 'string', description: 'Addresses backing the service.', value: formatEndpoints },
    AGE_COLUMN,
  ],
});
