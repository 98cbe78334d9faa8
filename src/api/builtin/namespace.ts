// core/v1 Namespace.

import { condition, conditionList } from './meta.js';
import { enumString, object, stringList } from './schema-builders.js';
import { AGE_COLUMN, selectField, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

export const namespaceKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  generation: false,
  plural: 'namespaces',
  namespaced: false,
  shortNames: ['ns'],
  status: true,
  description: 'A scope for names: namespaced objects live in exactly one namespace.',
  properties: {
    spec: object(
      { finalizers: stringList({ description: 'Must be empty before the namespace is removed from storage.' }) },
      { description: 'Desired behaviour of the namespace.' },
    ),
    status: object(
      { phase: enumString(['Active', 'Terminating']), conditions: conditionList(condition()) },
      { description: 'Observed state: Active, or Terminating while its contents are deleted.' },
    ),
  },
  printerColumns: [
    { name: 'Status', type: 'string', description: 'The phase of the namespace.', value: (o) => stringAt(o, 'status', 'phase') ?? '' },
    AGE_COLUMN,
  ],
  fieldSelectors: { 'status.phase': selectField('status', 'phase') },
});
