// core/v1 ServiceAccount.

import { localObjectReference, objectReference } from './meta.js';
import { boolean, list, mapList, patchMerge } from './schema-builders.js';
import { AGE_COLUMN, arrayAt } from './cells.js';
import { defineKind } from './define-kind.js';

export const serviceAccountKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  generation: false,
  plural: 'serviceaccounts',
  namespaced: true,
  shortNames: ['sa'],
  description: 'An identity for processes that run in pods.',
  properties: {
    secrets: mapList({ ...objectReference, required: ['name'] }, ['name'], {
      ...patchMerge('name'),
      description: 'Secrets pods running as this account may use (legacy token secrets).',
    }),
    imagePullSecrets: list(localObjectReference, { description: 'Secrets added to pods for pulling images.' }),
    automountServiceAccountToken: boolean({ description: 'Whether pods mount an API token for this account by default.' }),
  },
  printerColumns: [
    { name: 'Secrets', type: 'integer', description: 'Number of secrets listed.', value: (o) => arrayAt(o, 'secrets').length },
    AGE_COLUMN,
  ],
});
