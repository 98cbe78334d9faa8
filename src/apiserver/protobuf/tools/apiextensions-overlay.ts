// Fields of apiextensions.k8s.io/v1 added after the apiextensions-apiserver version that the second
// input binary embeds (ValidationRule grew messageExpression/reason/fieldPath/optionalOldSelf; CRD
// versions grew selectableFields). Numbers and tags as in Kubernetes v1.32's types.go.

import type { ProtoField } from './file-descriptor.js';
import type { GoStructField } from './go-binary.js';

const PKG = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1';
const STRING = 9;
const BOOL = 8;
const MESSAGE = 11;
const PTR = 22;
const GO_STRING = 24;
const GO_SLICE = 23;

interface Addition {
  message: string;
  proto: ProtoField;
  go: GoStructField;
}

const add = (message: string, number: number, name: string, type: number, pointer: boolean, json: string, extra: Partial<ProtoField> = {}): Addition => ({
  message: `${PKG}.${message}`,
  proto: { name, number, repeated: false, type, nullable: pointer, ...extra },
  go: { name: name[0]!.toUpperCase() + name.slice(1), tag: `json:"${json}" protobuf:"bytes,${number},opt,name=${name}"`, kind: pointer ? PTR : GO_STRING },
});

export const APIEXTENSIONS_ADDITIONS: Addition[] = [
  add('ValidationRule', 3, 'messageExpression', STRING, false, 'messageExpression,omitempty'),
  add('ValidationRule', 4, 'reason', STRING, true, 'reason,omitempty'),
  add('ValidationRule', 5, 'fieldPath', STRING, false, 'fieldPath,omitempty'),
  add('ValidationRule', 6, 'optionalOldSelf', BOOL, true, 'optionalOldSelf,omitempty'),
  {
    ...add('CustomResourceDefinitionVersion', 9, 'selectableFields', MESSAGE, false, 'selectableFields,omitempty', {
      repeated: true,
      typeName: `${PKG}.SelectableField`,
    }),
  },
  add('SelectableField', 1, 'jsonPath', STRING, false, 'jsonPath'),
].map((a) => (a.proto.repeated ? { ...a, go: { ...a.go, kind: GO_SLICE } } : a));
