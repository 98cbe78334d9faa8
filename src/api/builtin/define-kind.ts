// Builds a single-version KindDefinition and the root schema every built-in shares
// (apiVersion, kind, server-managed metadata, then the kind's own fields).

import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import type { KindDefinition, KindVersion, PrinterColumn, ScaleSubresource } from '../types.js';
import type { KubeObject } from '../../machinery/object.js';

export interface BuiltinKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  description: string;
  /** The kind's own top-level fields (spec, status, data, ...), each with a description. */
  properties: Record<string, JSONSchemaProps>;
  required?: string[];
  shortNames?: string[];
  categories?: string[];
  status?: boolean;
  scale?: ScaleSubresource;
  printerColumns?: PrinterColumn[];
  fieldSelectors?: Record<string, (object: KubeObject) => string | undefined>;
  /** false: kube-apiserver never sets metadata.generation on this kind. */
  generation?: false;
}

/** The root of every built-in schema; metadata is validated by the server, not by this schema. */
export function rootSchema(description: string, properties: Record<string, JSONSchemaProps>, required?: string[]): JSONSchemaProps {
  const root: JSONSchemaProps = {
    type: 'object',
    description,
    properties: {
      apiVersion: { type: 'string', description: 'Versioned schema of this object, e.g. "v1" or "apps/v1".' },
      kind: { type: 'string', description: 'The REST resource this object represents, in CamelCase.' },
      metadata: { type: 'object', description: "Standard object metadata: name, namespace, labels, annotations, owners." },
      ...properties,
    },
  };
  if (required?.length) root.required = required;
  return root;
}

export function defineKind(spec: BuiltinKind): KindDefinition {
  const version: KindVersion = {
    name: spec.version,
    served: true,
    storage: true,
    schema: rootSchema(spec.description, spec.properties, spec.required),
  };
  if (spec.status || spec.scale) {
    version.subresources = {};
    if (spec.status) version.subresources.status = true;
    if (spec.scale) version.subresources.scale = spec.scale;
  }
  if (spec.printerColumns) version.printerColumns = spec.printerColumns;
  const definition: KindDefinition = {
    group: spec.group,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    namespaced: spec.namespaced,
    versions: [version],
  };
  if (spec.shortNames) definition.shortNames = spec.shortNames;
  if (spec.categories) definition.categories = spec.categories;
  if (spec.fieldSelectors) definition.fieldSelectors = spec.fieldSelectors;
  if (spec.generation === false) definition.generation = false;
  return definition;
}

/** The scale subresource of the apps workloads: replicas in spec and status, selector in spec. */
export const WORKLOAD_SCALE: ScaleSubresource = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.spec.selector',
};
