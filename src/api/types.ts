// A served kind, described the way a CustomResourceDefinition describes one. Built-in kinds are defined
// with this shape (a built-in is a CRD whose schema we write), and CRDs are converted into it.

import type { JSONSchemaProps } from '../machinery/schema/types.js';
import type { KubeObject } from '../machinery/object.js';

/** A printer column: a JSONPath (as in CRD additionalPrinterColumns) or a function for computed cells. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  priority?: number;
  /** JSONPath as in additionalPrinterColumns, e.g. ".spec.replicas" or ".status.conditions[?(@.type==\"Ready\")].status". */
  jsonPath?: string;
  /** Computed cell for built-ins (e.g. Pod READY "1/1"). Returns the cell value; undefined prints as "<none>"-less empty. */
  value?: (object: KubeObject) => string | number | boolean | undefined;
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface KindVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema: JSONSchemaProps;
  subresources?: { status?: boolean; scale?: ScaleSubresource };
  /** Columns after NAME (NAME is implicit); for CRDs, from additionalPrinterColumns (AGE included only if listed). */
  printerColumns?: PrinterColumn[];
  deprecated?: boolean;
  deprecationWarning?: string;
}

export interface KindDefinition {
  group: string; // "" for core
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
  namespaced: boolean;
  versions: KindVersion[];
  /** Field selectors beyond metadata.name/metadata.namespace: field path → value getter. */
  fieldSelectors?: Record<string, (object: KubeObject) => string | undefined>;
  /** Verbs served; default: all standard verbs. */
  verbs?: string[];
  /** True for kinds that came from a CustomResourceDefinition (no strategic merge patch). */
  custom?: boolean;
  /**
   * false: the server never sets metadata.generation (ConfigMap, Secret, Service, ... as kube-apiserver's
   * strategies for them do not); otherwise it is 1 on create and counts changes beyond metadata.
   */
  generation?: false;
}
