// Turns a CustomResourceDefinition object into the KindDefinition the server serves.

import type { KindDefinition, KindVersion, PrinterColumn } from '../../api/types.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import { evalJsonPath, formatJsonPathCell } from '../../machinery/jsonpath.js';

interface CrdNames {
  plural: string;
  singular?: string;
  kind: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CrdSpec {
  group: string;
  names: CrdNames;
  scope: 'Namespaced' | 'Cluster';
  versions: {
    name: string;
    served: boolean;
    storage: boolean;
    deprecated?: boolean;
    deprecationWarning?: string;
    schema?: { openAPIV3Schema?: JSONSchemaProps };
    subresources?: { status?: object; scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string } };
    additionalPrinterColumns?: { name: string; type: string; format?: string; description?: string; priority?: number; jsonPath: string }[];
    selectableFields?: { jsonPath: string }[];
  }[];
}

const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' };

export function crdSpecOf(crd: KubeObject): CrdSpec {
  return crd.spec as CrdSpec;
}

/** CRD selectableFields (GA in 1.32) become field selectors evaluated by JSONPath. */
function selectableFieldsOf(spec: CrdSpec): KindDefinition['fieldSelectors'] {
  const storage = spec.versions.find((v) => v.storage) ?? spec.versions[0];
  const fields = storage?.selectableFields ?? [];
  if (fields.length === 0) return undefined;
  const selectors: NonNullable<KindDefinition['fieldSelectors']> = {};
  for (const { jsonPath } of fields) {
    selectors[jsonPath.replace(/^\./, '')] = (object) => {
      const cell = formatJsonPathCell(evalJsonPath(object, jsonPath));
      return cell === undefined ? undefined : String(cell);
    };
  }
  return selectors;
}

export function definitionFromCrd(crd: KubeObject): KindDefinition {
  const spec = crdSpecOf(crd);
  const fieldSelectors = selectableFieldsOf(spec);
  const versions: KindVersion[] = spec.versions.map((v) => {
    const kindVersion: KindVersion = {
      name: v.name,
      served: v.served,
      storage: v.storage,
      schema: v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      printerColumns: v.additionalPrinterColumns?.length
        ? v.additionalPrinterColumns.map((c) => {
            const column: PrinterColumn = { name: c.name, type: normalizeColumnType(c.type), jsonPath: c.jsonPath };
            if (c.format) column.format = c.format;
            if (c.description) column.description = c.description;
            if (c.priority) column.priority = c.priority;
            return column;
          })
        : [AGE_COLUMN],
    };
    const subresources: KindVersion['subresources'] = {};
    if (isPlainObject(v.subresources?.status)) subresources.status = true;
    if (v.subresources?.scale) subresources.scale = v.subresources.scale;
    if (subresources.status || subresources.scale) kindVersion.subresources = subresources;
    if (v.deprecated) kindVersion.deprecated = true;
    if (v.deprecationWarning) kindVersion.deprecationWarning = v.deprecationWarning;
    return kindVersion;
  });
  const definition: KindDefinition = {
    group: spec.group,
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    versions,
    custom: true,
  };
  if (spec.names.shortNames?.length) definition.shortNames = spec.names.shortNames;
  if (spec.names.categories?.length) definition.categories = spec.names.categories;
  if (fieldSelectors) definition.fieldSelectors = fieldSelectors;
  return definition;
}

function normalizeColumnType(type: string): PrinterColumn['type'] {
  return type === 'integer' || type === 'number' || type === 'boolean' || type === 'date' ? type : 'string';
}
