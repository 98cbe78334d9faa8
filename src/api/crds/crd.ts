// Builds apiextensions.k8s.io/v1 CustomResourceDefinition objects from a compact description.

import type { KubeObject } from '../../machinery/object.js';
import { KIND_DESCRIPTIONS } from './descriptions.js';
import { str, type Schema } from './schema.js';

export interface PrinterColumnSpec {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface CrdVersion {
  name: string;
  /** The openAPIV3Schema of the whole object (see `objectSchema`). */
  schema: Schema;
  served?: boolean; // default true
  storage?: boolean; // default: true for the only version, else must be said
  columns?: PrinterColumnSpec[];
  deprecated?: boolean;
  deprecationWarning?: string;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

export interface CrdDescription {
  group: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  versions: CrdVersion[];
  plural?: string;
  singular?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

/** "Policy" → "policies", "Canary" → "canaries", "Fleet" → "fleets". */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** Categories, so `kubectl get kurator` (or `karmada-io`) lists every kind of the family. */
export const KURATOR_CATEGORIES = ['kurator', 'kurator-dev'];
export const KARMADA_CATEGORIES = ['karmada-io'];

export const ageColumn = (): PrinterColumnSpec => ({ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' });

/** The root schema of a kind: apiVersion, kind, metadata, then spec/status and any other top-level fields. */
export function objectSchema(
  fields: { spec?: Schema; status?: Schema; [topLevel: string]: Schema | undefined },
  options: { required?: string[]; description?: string } = {},
): Schema {
  const properties: Record<string, Schema> = {
    apiVersion: str(),
    kind: str(),
    metadata: { type: 'object' },
  };
  for (const [name, schema] of Object.entries(fields)) if (schema) properties[name] = schema;
  const root: Schema = { type: 'object', properties };
  if (options.description) root.description = options.description;
  if (options.required && options.required.length > 0) root.required = options.required;
  return root;
}

export function defineCrd(description: CrdDescription): KubeObject {
  const plural = description.plural ?? pluralOf(description.kind);
  const names: Record<string, unknown> = {
    kind: description.kind,
    listKind: description.listKind ?? `${description.kind}List`,
    plural,
    singular: description.singular ?? description.kind.toLowerCase(),
  };
  if (description.shortNames?.length) names.shortNames = description.shortNames;
  if (description.categories?.length) names.categories = description.categories;

  const only = description.versions.length === 1;
  const kindDescription = KIND_DESCRIPTIONS[`${description.kind}.${description.group}`] ?? KIND_DESCRIPTIONS[description.kind];
  const versions = description.versions.map((version) => {
    // Each version gets its own copy so no two CRDs share (and could mutate) one schema tree.
    const schema = structuredClone(version.schema);
    if (kindDescription && !schema.description) schema.description = kindDescription;
    const out: Record<string, unknown> = {
      name: version.name,
      served: version.served ?? true,
      storage: version.storage ?? only,
      schema: { openAPIV3Schema: schema },
    };
    const subresources: Record<string, unknown> = {};
    if (version.schema.properties?.status) subresources.status = {};
    if (version.scale) subresources.scale = { ...version.scale };
    if (Object.keys(subresources).length > 0) out.subresources = subresources;
    if (version.columns?.length) out.additionalPrinterColumns = version.columns.map((column) => ({ ...column }));
    if (version.deprecated) out.deprecated = true;
    if (version.deprecationWarning) out.deprecationWarning = version.deprecationWarning;
    return out;
  });

  const metadata: KubeObject['metadata'] = { name: `${plural}.${description.group}` };
  if (description.annotations) metadata.annotations = { ...description.annotations };
  metadata.labels = { 'app.kubernetes.io/part-of': 'kurator', ...description.labels };

  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata,
    spec: {
      group: description.group,
      names,
      scope: description.scope,
      versions,
    },
  };
}

/** The same schema and columns served under several version names, one of them the storage version. */
export function sameSchemaVersions(
  names: string[],
  storage: string,
  schema: Schema,
  columns?: PrinterColumnSpec[],
  deprecated: string[] = [],
): CrdVersion[] {
  return names.map((name) => ({
    name,
    schema,
    storage: name === storage,
    columns,
    ...(deprecated.includes(name) ? { deprecated: true } : {}),
  }));
}
