// core/v1 LimitRange. Upstream has no table printer for it, so kubectl shows NAME and CREATED AT.

import { list, object, quantityMap, string } from './schema-builders.js';
import { defineKind } from './define-kind.js';
import { CREATED_AT_COLUMN } from './created-at.js';

const limitRangeItem = object(
  {
    type: string({ description: 'Container, Pod or PersistentVolumeClaim.' }),
    max: quantityMap(),
    min: quantityMap(),
    default: quantityMap(),
    defaultRequest: quantityMap(),
    maxLimitRequestRatio: quantityMap(),
  },
  { required: ['type'] },
);

export const limitRangeKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  generation: false,
  plural: 'limitranges',
  namespaced: true,
  shortNames: ['limits'],
  description: 'Per-namespace minimums, maximums and defaults for resource requests and limits.',
  properties: {
    spec: object(
      { limits: list(limitRangeItem, { description: 'Limits by object type.' }) },
      { required: ['limits'], description: 'The limits enforced in the namespace.' },
    ),
  },
  printerColumns: [CREATED_AT_COLUMN],
});
