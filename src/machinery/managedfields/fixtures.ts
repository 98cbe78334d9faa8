// Schemas and objects shared by this folder's tests: a Widget CRD (list-map, set, atomic list,
// preserved subtree, status) and a Deployment-like built-in that only has strategic-merge tags.

import type { JSONSchemaProps } from '../schema/types.js';
import type { KubeObject, ManagedFieldsEntry } from '../object.js';

const str: JSONSchemaProps = { type: 'string' };
const int: JSONSchemaProps = { type: 'integer' };

export const WIDGET_API_VERSION = 'example.com/v1';

export const widgetSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        size: int,
        color: str,
        items: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: str, value: str, weight: int } },
        },
        tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: str },
        blob: { type: 'array', items: { type: 'object', properties: { a: str } } },
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: { type: 'object', properties: { phase: str, ready: int } },
  },
};

export function widget(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: { name: 'w1', namespace: 'default', ...meta }, spec };
}

/** A stored widget: system metadata set, optional managedFields. */
export function liveWidget(spec: Record<string, unknown>, managedFields?: ManagedFieldsEntry[], meta: Record<string, unknown> = {}): KubeObject {
  const w = widget(spec, { uid: 'uid-1', resourceVersion: '7', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z', ...meta });
  if (managedFields) w.metadata.managedFields = managedFields;
  return w;
}

export function entry(
  manager: string,
  operation: 'Apply' | 'Update',
  fieldsV1: Record<string, unknown>,
  time = '2024-01-01T00:00:00Z',
  apiVersion = WIDGET_API_VERSION,
): ManagedFieldsEntry {
  return { manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1 };
}

const port: JSONSchemaProps = {
  type: 'object',
  properties: { name: str, containerPort: int, protocol: { type: 'string', default: 'TCP' } },
};

const container: JSONSchemaProps = {
  type: 'object',
  properties: {
    name: str,
    image: str,
    args: { type: 'array', items: str },
    ports: {
      type: 'array',
      items: port,
      'x-kubernetes-patch-merge-key': 'containerPort',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
    },
    env: {
      type: 'array',
      items: { type: 'object', properties: { name: str, value: str } },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    },
  },
};

export const deploymentSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        replicas: int,
        selector: {
          type: 'object',
          'x-kubernetes-map-type': 'atomic',
          properties: { matchLabels: { type: 'object', additionalProperties: str } },
        },
        template: {
          type: 'object',
          properties: {
            metadata: { type: 'object', properties: { labels: { type: 'object', additionalProperties: str } } },
            spec: {
              type: 'object',
              properties: {
                containers: {
                  type: 'array',
                  items: container,
                  'x-kubernetes-patch-merge-key': 'name',
                  'x-kubernetes-patch-strategy': 'merge',
                },
              },
            },
          },
        },
      },
    },
  },
};

export function deployment(containers: unknown[], replicas?: number): KubeObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers } },
  };
  if (replicas !== undefined) spec['replicas'] = replicas;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default' }, spec };
}

/**
 * Seeded random JSON values for differential tests: numbers, `names`, null, booleans, lists, lists of
 * maps keyed by `item[0]` (one of the first three names, so keys repeat) with `item[1]` holding a value,
 * and maps keyed by `names`; deeper levels hold only scalars and lists.
 */
export function randomJson(seed: number, names: readonly string[], item: readonly [string, string]): { random: (n: number) => number; value: (depth: number) => unknown } {
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The high bits: the low bits of this generator repeat with a short period.
    return Math.floor(seed / 65536) % n;
  };
  const value = (depth: number): unknown => {
    const pick = random(depth > 2 ? 4 : 7);
    if (pick === 0) return random(5);
    if (pick === 1) return names[random(names.length)];
    if (pick === 2) return null;
    if (pick === 3) return random(2) === 0;
    if (pick === 4) return Array.from({ length: random(4) }, () => value(depth + 1));
    if (pick === 5) return Array.from({ length: random(4) }, () => ({ [item[0]]: names[random(3)], [item[1]]: value(depth + 1) }));
    return Object.fromEntries(Array.from({ length: random(4) }, () => [names[random(names.length)], value(depth + 1)]));
  };
  return { random, value };
}
