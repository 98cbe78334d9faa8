// Cross-checks the hand-written schemas against the generated models of @kubernetes/client-node (built
// from the upstream OpenAPI): a field the schema forgets would be pruned from users' objects, and a
// field the models do not know is a typo.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import type { KindDefinition } from '../types.js';
import { builtinKinds } from './index.js';

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}

const models = k8s as unknown as Record<string, { attributeTypeMap?: Attribute[] } | undefined>;

const rootModels: Record<string, string> = {
  'core/Namespace': 'V1Namespace',
  'core/Secret': 'V1Secret',
  'core/ConfigMap': 'V1ConfigMap',
  'core/Event': 'CoreV1Event',
  'core/ServiceAccount': 'V1ServiceAccount',
  'core/Service': 'V1Service',
  'core/Endpoints': 'V1Endpoints',
  'core/Pod': 'V1Pod',
  'core/Node': 'V1Node',
  'core/PersistentVolumeClaim': 'V1PersistentVolumeClaim',
  'core/PersistentVolume': 'V1PersistentVolume',
  'core/LimitRange': 'V1LimitRange',
  'core/ResourceQuota': 'V1ResourceQuota',
  'apps/Deployment': 'V1Deployment',
  'apps/ReplicaSet': 'V1ReplicaSet',
  'apps/StatefulSet': 'V1StatefulSet',
  'apps/DaemonSet': 'V1DaemonSet',
  'apps/ControllerRevision': 'V1ControllerRevision',
  'batch/Job': 'V1Job',
  'batch/CronJob': 'V1CronJob',
  'coordination.k8s.io/Lease': 'V1Lease',
  'autoscaling/HorizontalPodAutoscaler': 'V2HorizontalPodAutoscaler',
  'networking.k8s.io/Ingress': 'V1Ingress',
  'networking.k8s.io/NetworkPolicy': 'V1NetworkPolicy',
  'storage.k8s.io/StorageClass': 'V1StorageClass',
  'events.k8s.io/Event': 'EventsV1Event',
  'apiextensions.k8s.io/CustomResourceDefinition': 'V1CustomResourceDefinition',
  'rbac.authorization.k8s.io/Role': 'V1Role',
  'rbac.authorization.k8s.io/ClusterRole': 'V1ClusterRole',
  'rbac.authorization.k8s.io/RoleBinding': 'V1RoleBinding',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'V1ClusterRoleBinding',
  'authorization.k8s.io/SubjectAccessReview': 'V1SubjectAccessReview',
  'authorization.k8s.io/LocalSubjectAccessReview': 'V1LocalSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectAccessReview': 'V1SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview': 'V1SelfSubjectRulesReview',
  'authentication.k8s.io/SelfSubjectReview': 'V1SelfSubjectReview',
  'authentication.k8s.io/TokenReview': 'V1TokenReview',
};

const id = (d: KindDefinition) => `${d.group || 'core'}/${d.kind}`;

/** Compares one schema node with one model type; returns human-readable problems. */
function compare(schema: JSONSchemaProps, type: string, format: string, path: string, problems: string[]): void {
  if (schema['x-kubernetes-preserve-unknown-fields']) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (schema.type !== 'array' || !schema.items) return void problems.push(`${path}: expected an array`);
    return compare(schema.items, array[1]!, format, `${path}[]`, problems);
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof schema.additionalProperties !== 'object') return void problems.push(`${path}: expected a map`);
    return compare(schema.additionalProperties, map[1]!, format, `${path}{}`, problems);
  }
  switch (type) {
    case 'string':
      if (schema.type !== 'string' && !schema['x-kubernetes-int-or-string']) problems.push(`${path}: expected a string`);
      if (format === 'byte' && schema.format !== 'byte') problems.push(`${path}: expected format byte`);
      return;
    case 'number':
      if (format === 'double') {
        if (schema.type !== 'number') problems.push(`${path}: expected a number`);
      } else if (schema.type !== 'integer' || schema.format !== format) {
        problems.push(`${path}: expected integer/${format}, found ${schema.type}/${schema.format}`);
      }
      return;
    case 'boolean':
      if (schema.type !== 'boolean') problems.push(`${path}: expected a boolean`);
      return;
    case 'Date':
    case 'V1MicroTime':
      if (schema.type !== 'string' || schema.format !== 'date-time') problems.push(`${path}: expected a date-time string`);
      return;
    case 'IntOrString':
      if (!schema['x-kubernetes-int-or-string']) problems.push(`${path}: expected int-or-string`);
      return;
    case 'any':
      return;
  }
  const attributes = models[type]?.attributeTypeMap;
  if (!attributes) return void problems.push(`${path}: unknown model ${type}`);
  if (schema.type !== 'object') return void problems.push(`${path}: expected an object (${type})`);
  const known = new Set(attributes.map((a) => a.baseName));
  for (const name of Object.keys(schema.properties ?? {})) {
    if (!known.has(name)) problems.push(`${path}.${name}: not a field of ${type}`);
  }
  for (const attribute of attributes) {
    const child = schema.properties?.[attribute.baseName];
    if (!child) problems.push(`${path}.${attribute.baseName}: missing (${type})`);
    else compare(child, attribute.type, attribute.format, `${path}.${attribute.baseName}`, problems);
  }
}

for (const definition of builtinKinds) {
  test(`${id(definition)} models every upstream field`, () => {
    const modelName = rootModels[id(definition)];
    assert.ok(modelName, `a model for ${id(definition)}`);
    const attributes = models[modelName]?.attributeTypeMap;
    assert.ok(attributes, modelName);
    const root = definition.versions[0]!.schema;
    const problems: string[] = [];
    const known = new Set(attributes.map((a) => a.baseName));
    for (const name of Object.keys(root.properties ?? {})) if (!known.has(name)) problems.push(`${name}: not a field of ${modelName}`);
    for (const attribute of attributes) {
      const child = root.properties?.[attribute.baseName];
      if (!child) problems.push(`${attribute.baseName}: missing`);
      else if (attribute.baseName !== 'metadata') compare(child, attribute.type, attribute.format, attribute.baseName, problems);
    }
    assert.deepEqual(problems, []);
  });
}
