// core/v1 Secret.

import { boolean, bytes, mapOf, string, stringMap } from './schema-builders.js';
import { AGE_COLUMN, recordAt, selectField, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

export const secretKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'Secret',
  generation: false,
  plural: 'secrets',
  namespaced: true,
  description: 'Sensitive data (passwords, tokens, keys) kept apart from pod specs.',
  properties: {
    data: mapOf(bytes(), { description: 'Secret values by key, base64 encoded.' }),
    stringData: stringMap({ description: 'Write-only convenience: plain-text values merged into data on write.' }),
    type: string({ default: 'Opaque', description: 'How the data is used, e.g. Opaque or kubernetes.io/tls.' }),
    immutable: boolean({ description: 'When true, data cannot change after creation.' }),
  },
  printerColumns: [
    { name: 'Type', type: 'string', description: 'The type of the secret.', value: (o) => stringAt(o, 'type') ?? '' },
    { name: 'Data', type: 'integer', description: 'Number of keys in data.', value: (o) => Object.keys(recordAt(o, 'data')).length },
    AGE_COLUMN,
  ],
  fieldSelectors: { type: selectField('type') },
});
