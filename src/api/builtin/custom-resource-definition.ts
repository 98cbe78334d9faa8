// apiextensions.k8s.io/v1 CustomResourceDefinition. The embedded openAPIV3Schema is kept verbatim here:
// the server checks it structurally itself when it turns the CRD into a served kind.

import { conditionList } from './meta.js';
import {
  boolean, bytes, dateTime, enumString, int32, list, object, preserved, string, stringList,
} from './schema-builders.js';
import { defineKind } from './define-kind.js';
import { CREATED_AT_COLUMN } from './created-at.js';

function names(required: string[]) {
  return object(
    {
      plural: string({ description: 'Lower-case plural used in URLs, e.g. "widgets".' }),
      singular: string({ description: 'Lower-case singular name; defaults to the lower-cased kind.' }),
      shortNames: stringList({ description: 'Short aliases for kubectl, e.g. ["wg"].' }),
      kind: string({ description: 'CamelCase kind of the resource, e.g. "Widget".' }),
      listKind: string({ description: 'Kind of the list; defaults to kind + "List".' }),
      categories: stringList({ description: 'Groups the resource belongs to, e.g. ["all"].' }),
    },
    required.length > 0 ? { required } : {},
  );
}

const printerColumn = object(
  {
    name: string(),
    type: string({ description: 'integer, number, string, boolean or date.' }),
    format: string(),
    description: string(),
    priority: int32(),
    jsonPath: string(),
  },
  { required: ['name', 'type', 'jsonPath'] },
);

const crdVersion = object(
  {
    name: string({ description: 'Version name, e.g. "v1alpha1".' }),
    served: boolean({ description: 'Whether this version is served over REST.' }),
    storage: boolean({ description: 'Whether objects are stored in this version; exactly one version stores.' }),
    deprecated: boolean(),
    deprecationWarning: string(),
    schema: object({
      openAPIV3Schema: preserved({ description: 'Structural OpenAPI v3 schema of the resource.' }),
    }),
    subresources: object({
      status: preserved({ description: 'Present (as {}) to enable the /status subresource.' }),
      scale: object(
        { specReplicasPath: string(), statusReplicasPath: string(), labelSelectorPath: string() },
        { required: ['specReplicasPath', 'statusReplicasPath'] },
      ),
    }),
    additionalPrinterColumns: list(printerColumn),
    selectableFields: list(object({ jsonPath: string() }, { required: ['jsonPath'] })),
  },
  { required: ['name', 'served', 'storage'] },
);

const webhookConversion = object(
  {
    clientConfig: object({
      url: string(),
      service: object(
        { namespace: string(), name: string(), path: string(), port: int32({ default: 443 }) },
        { required: ['namespace', 'name'] },
      ),
      caBundle: bytes(),
    }),
    conversionReviewVersions: stringList(),
  },
  { required: ['conversionReviewVersions'] },
);

export const customResourceDefinitionKind = defineKind({
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  status: true,
  description: 'Adds a new resource type to the API, served like the built-in ones.',
  required: ['spec'],
  properties: {
    spec: object(
      {
        group: string({ description: 'API group of the resource, e.g. "example.com".' }),
        names: names(['plural', 'kind']),
        scope: enumString(['Cluster', 'Namespaced'], { description: 'Whether objects live in a namespace.' }),
        versions: list(crdVersion, { description: 'Served versions, each with its schema.' }),
        conversion: object(
          { strategy: enumString(['None', 'Webhook']), webhook: webhookConversion },
          { required: ['strategy'], default: { strategy: 'None' }, description: 'How objects convert between versions.' },
        ),
        preserveUnknownFields: boolean({ description: 'Legacy switch; must be false for structural schemas.' }),
      },
      { required: ['group', 'names', 'scope', 'versions'], description: 'The group, names, scope and versions.' },
    ),
    status: object(
      {
        conditions: conditionList(
          object(
            { type: string(), status: string(), lastTransitionTime: dateTime(), reason: string(), message: string() },
            { required: ['type', 'status'] },
          ),
        ),
        acceptedNames: names([]),
        storedVersions: stringList(),
      },
      { description: 'Whether the names were accepted and the CRD is established.' },
    ),
  },
  printerColumns: [CREATED_AT_COLUMN],
});
