// core/v1 ResourceQuota.

import { ownValue, type KubeObject } from '../../machinery/object.js';
import { atomicObject, list, object, quantityMap, string, stringList } from './schema-builders.js';
import { AGE_COLUMN, recordAt } from './cells.js';
import { defineKind } from './define-kind.js';

const scopeSelector = atomicObject({
  matchExpressions: list(
    object({ scopeName: string(), operator: string(), values: stringList() }, { required: ['scopeName', 'operator'] }),
  ),
});

/** REQUEST and LIMIT: "resource: used/hard" pairs, limits.* resources in the LIMIT cell. */
function quotaCells(quota: KubeObject): { requests: string; limits: string } {
  const hard = recordAt(quota, 'status', 'hard');
  const used = recordAt(quota, 'status', 'used');
  const requests: string[] = [];
  const limits: string[] = [];
  for (const resource of Object.keys(hard).sort()) {
    const pieces = resource.split('.');
    const cell = `${resource}: ${String(ownValue(used, resource) ?? '0')}/${String(hard[resource])}`;
    (pieces.length > 1 && pieces[0] === 'limits' ? limits : requests).push(cell);
  }
  return { requests: requests.join(', '), limits: limits.join(', ') };
}

export const resourceQuotaKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  generation: false,
  plural: 'resourcequotas',
  namespaced: true,
  shortNames: ['quota'],
  status: true,
  description: 'Aggregate resource limits for a namespace.',
  properties: {
    spec: object(
      {
        hard: quantityMap({ description: 'Hard limits by resource name.' }),
        scopes: stringList(),
        scopeSelector,
      },
      { description: 'The enforced limits and which objects they count.' },
    ),
    status: object({ hard: quantityMap(), used: quantityMap() }, { description: 'Enforced limits and current usage.' }),
  },
  printerColumns: [
    AGE_COLUMN,
    { name: 'Request', type: 'string', description: 'Used/hard for requests and object counts.', value: (o) => quotaCells(o).requests },
    { name: 'Limit', type: 'string', description: 'Used/hard for limits.', value: (o) => quotaCells(o).limits },
  ],
});
