// A CRD-style schema shared by the schema tests: nested objects, arrays of objects, int-or-string, enums,
// formats, list types, an embedded resource, preserve-unknown-fields subtrees and nested defaults.

import type { JSONSchemaProps } from './types.js';

export const widgetSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', format: 'int32', minimum: 1, maximum: 100 },
        ratio: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, multipleOf: 0.25 },
        replicas: { type: 'integer', multipleOf: 2, default: 2 },
        color: { type: 'string', enum: ['red', 'green', 'blue'], default: 'red' },
        name: { type: 'string', minLength: 2, maxLength: 8, pattern: '^[a-z][a-z0-9-]*$' },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^[0-9]+%?$' },
        email: { type: 'string', format: 'email' },
        started: { type: 'string', format: 'date-time' },
        id: { type: 'string', format: 'uuid' },
        note: { type: 'string', nullable: true },
        flag: { type: 'boolean' },
        tags: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string' },
              port: { type: 'integer', minimum: 1, maximum: 65535 },
              protocol: { type: 'string', enum: ['TCP', 'UDP'], default: 'TCP' },
            },
          },
        },
        containers: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string' },
              image: { type: 'string' },
              resources: {
                type: 'object',
                default: {},
                properties: { cpu: { 'x-kubernetes-int-or-string': true, default: '100m' } },
              },
              env: {
                type: 'array',
                items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string', default: '' } } },
              },
            },
          },
        },
        labels: { type: 'object', maxProperties: 2, additionalProperties: { type: 'string', maxLength: 5 } },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          'x-kubernetes-preserve-unknown-fields': true,
        },
        workload: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } } },
        },
        extra: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'object', properties: { a: { type: 'integer' } } } },
        },
      },
    },
    status: {
      type: 'object',
      properties: {
        phase: { type: 'string' },
        conditions: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type', 'reason'],
          items: {
            type: 'object',
            required: ['type'],
            properties: { type: { type: 'string' }, reason: { type: 'string', default: '' }, status: { type: 'string' } },
          },
        },
      },
    },
  },
};
