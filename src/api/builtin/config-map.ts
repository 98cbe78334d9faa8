// core/v1 ConfigMap.

import { boolean, bytes, mapOf, stringMap } from './schema-builders.js';
import { AGE_COLUMN, recordAt } from './cells.js';
import { defineKind } from './define-kind.js';

export const configMapKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  generation: false,
  plural: 'configmaps',
  namespaced: true,
  shortNames: ['cm'],
  description: 'Non-confidential configuration as key-value pairs, consumed by pods.',
  properties: {
    data: stringMap({ description: 'UTF-8 configuration values by key.' }),
    binaryData: mapOf(bytes(), { description: 'Binary values by key, base64 encoded.' }),
    immutable: boolean({ description: 'When true, data cannot change after creation.' }),
  },
  printerColumns: [
    {
      name: 'Data',
      type: 'integer',
      description: 'Number of keys in data and binaryData.',
      value: (o) => Object.keys(recordAt(o, 'data')).length + Object.keys(recordAt(o, 'binaryData')).length,
    },
    AGE_COLUMN,
  ],
});
