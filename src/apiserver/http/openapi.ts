// OpenAPI v3: a root listing one document per group-version (with a content hash so kubectl's cache
// refreshes when a schema changes) and the documents themselves: a schema per kind carrying
// x-kubernetes-group-version-kind, and PATCH operations listing the accepted patch types and the
// fieldValidation parameter (kubectl then leaves validation to the server).

import { createHash } from 'node:crypto';
import type { KindDefinition, KindVersion } from '../../api/types.js';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import { compareVersions } from './discovery.js';
import type { KindRegistry } from '../registry/kind-registry.js';

const OBJECT_META_REF = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const OBJECT_META_SCHEMA = {
  description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Name must be unique within a namespace.' },
    generateName: { type: 'string', description: 'An optional prefix used by the server to generate a unique name if name is not provided.' },
    namespace: { type: 'string', description: 'The namespace the object belongs to; empty for cluster-scoped objects.' },
    uid: { type: 'string', description: 'Unique identifier set by the server on creation.' },
    resourceVersion: { type: 'string', description: 'An opaque value that changes on every write; used for optimistic concurrency and watches.' },
    generation: { type: 'integer', format: 'int64', description: 'A sequence number for changes to the desired state.' },
    creationTimestamp: { type: 'string', format: 'date-time', description: 'When the server created the object.' },
    deletionTimestamp: { type: 'string', format: 'date-time', description: 'When deletion was requested; the object remains until its finalizers are removed.' },
    deletionGracePeriodSeconds: { type: 'integer', format: 'int64' },
    labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Map of string keys and values used to organize and select objects.' },
    annotations: { type: 'object', additionalProperties: { type: 'string' }, description: 'Unstructured key value map for arbitrary metadata.' },
    finalizers: { type: 'array', items: { type: 'string' }, 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set', description: 'Must be empty before the object is deleted from the registry.' },
    ownerReferences: {
      type: 'array',
      'x-kubernetes-patch-merge-key': 'uid',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['uid'],
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, uid: { type: 'string' }, controller: { type: 'boolean' }, blockOwnerDeletion: { type: 'boolean' } },
      },
      description: 'Objects this object depends on; when all owners are deleted, the object is garbage collected.',
    },
    managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, description: 'Which field manager owns which fields (server-side apply).' },
  },
};

export function schemaName(definition: KindDefinition, version: string): string {
  if (definition.custom) return `${definition.group.split('.').reverse().join('.')}.${version}.${definition.kind}`;
  if (definition.group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${definition.kind}`;
  return `io.k8s.api.${definition.group === '' ? 'core' : definition.group.split('.')[0]}.${version}.${definition.kind}`;
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function kindSchema(definition: KindDefinition, version: KindVersion): JSONSchemaProps & Record<string, unknown> {
  const base = version.schema;
  const properties = { ...(base.properties ?? {}) } as Record<string, unknown>;
  properties.apiVersion = { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' };
  properties.kind = { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' };
  properties.metadata = { allOf: [{ $ref: `#/components/schemas/${OBJECT_META_REF}` }], description: 'Standard object metadata.' };
  return {
    ...base,
    type: 'object',
    properties: properties as Record<string, JSONSchemaProps>,
    'x-kubernetes-group-version-kind': [{ group: definition.group, version: version.name, kind: definition.kind }],
  };
}

function patchContent(definition: KindDefinition, ref: string): Record<string, unknown> {
  const schema = { schema: { $ref: ref } };
  const content: Record<string, unknown> = {
    'application/json-patch+json': schema,
    'application/merge-patch+json': schema,
    'application/apply-patch+yaml': schema,
  };
  if (!definition.custom) content['application/strategic-merge-patch+json'] = schema;
  return content;
}

// kubectl decides whether the server validates fields (fieldValidation) by finding the PATCH operation
// whose x-kubernetes-group-version-kind names the kind, so every operation carries it.
function operations(definition: KindDefinition, version: string, ref: string): Record<string, unknown> {
  const response = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } };
  const query = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });
  const writeParams = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
  const gvk = { group: definition.group, version, kind: definition.kind };
  return {
    get: { operationId: `read${definition.kind}`, responses: response, 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk },
    put: { operationId: `replace${definition.kind}`, parameters: writeParams, requestBody: { content: { 'application/json': { schema: { $ref: ref } } } }, responses: response, 'x-kubernetes-action': 'put', 'x-kubernetes-group-version-kind': gvk },
    patch: { operationId: `patch${definition.kind}`, parameters: [...writeParams, query('force')], requestBody: { content: patchContent(definition, ref) }, responses: response, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk },
    delete: { operationId: `delete${definition.kind}`, responses: response, 'x-kubernetes-action': 'delete', 'x-kubernetes-group-version-kind': gvk },
  };
}

export interface OpenApiDocuments {
  root: string;
  documents: Map<string, { body: string; hash: string }>;
}

export function buildOpenApi(kinds: KindRegistry, pathPrefix: string): OpenApiDocuments {
  const byGv = new Map<string, { group: string; version: string; definitions: KindDefinition[] }>();
  for (const definition of kinds.all()) {
    for (const version of definition.versions) {
      if (!version.served) continue;
      const key = gvPath(definition.group, version.name);
      const entry = byGv.get(key) ?? { group: definition.group, version: version.name, definitions: [] };
      entry.definitions.push(definition);
      byGv.set(key, entry);
    }
  }
  const documents = new Map<string, { body: string; hash: string }>();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, { group, version, definitions }] of [...byGv.entries()].sort((a, b) => a[0].localeCompare(b[0]) || compareVersions(a[1].version, b[1].version))) {
    const schemas: Record<string, unknown> = { [OBJECT_META_REF]: OBJECT_META_SCHEMA };
    const docPaths: Record<string, unknown> = {};
    for (const definition of definitions) {
      const kindVersion = definition.versions.find((v) => v.name === version)!;
      const name = schemaName(definition, version);
      schemas[name] = kindSchema(definition, kindVersion);
      const ref = `#/components/schemas/${name}`;
      const base = `/${key}${definition.namespaced ? '/namespaces/{namespace}' : ''}/${definition.plural}`;
      const ops = operations(definition, version, ref);
      docPaths[`${base}/{name}`] = ops;
      const gvk = { group, version, kind: definition.kind };
      docPaths[base] = {
        get: { operationId: `list${definition.kind}`, responses: { '200': { description: 'OK' } }, 'x-kubernetes-action': 'list', 'x-kubernetes-group-version-kind': gvk },
        post: { operationId: `create${definition.kind}`, parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: { $ref: ref } } } }, responses: { '201': { description: 'Created' } }, 'x-kubernetes-action': 'post', 'x-kubernetes-group-version-kind': gvk },
      };
    }
    const body = JSON.stringify({ openapi: '3.0.0', info: { title: 'Kurator', version: 'v1.32.0' }, paths: docPaths, components: { schemas } });
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 40).toUpperCase();
    documents.set(key, { body, hash });
    paths[key] = { serverRelativeURL: `${pathPrefix}/openapi/v3/${key}?hash=${hash}` };
  }
  return { root: JSON.stringify({ paths }), documents };
}
