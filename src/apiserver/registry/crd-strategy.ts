// CustomResourceDefinition create/update: name and version rules, a structural schema, and the status
// kube-apiserver reports once the names are accepted (NamesAccepted, Established) so that
// `kubectl wait --for condition=established` returns at once.

import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { StatusCause } from '../../machinery/errors.js';
import { checkStructuralSchema } from '../../machinery/schema/index.js';
import { isDns1123Label } from '../../machinery/validation/names.js';
import { crdSpecOf } from './crd-definition.js';
import type { KindStrategy } from './strategy.js';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

function invalid(field: string, value: unknown, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(value)}: ${detail}` };
}

function required(field: string): StatusCause {
  return { reason: 'FieldValueRequired', field, message: 'Required value' };
}

function validateCrd(crd: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = crdSpecOf(crd);
  if (!isPlainObject(spec)) return [required('spec')];
  const names = isPlainObject(spec.names) ? spec.names : undefined;
  if (!spec.group) causes.push(required('spec.group'));
  else if (!spec.group.includes('.')) causes.push(invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!names?.plural) causes.push(required('spec.names.plural'));
  else for (const e of isDns1123Label(names.plural)) causes.push(invalid('spec.names.plural', names.plural, e));
  if (!names?.kind) causes.push(required('spec.names.kind'));
  if (names?.plural && spec.group && crd.metadata.name !== `${names.plural}.${spec.group}`) {
    causes.push(invalid('metadata.name', crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  }
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) causes.push(required('spec.versions'));
  const storageCount = versions.filter((v) => v.storage).length;
  if (versions.length > 0 && storageCount !== 1) causes.push(invalid('spec.versions', versions.map((v) => v.name), 'must have exactly one version marked as storage version'));
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v.name)) causes.push({ reason: 'FieldValueDuplicate', field: `spec.versions[${i}].name`, message: `Duplicate value: ${JSON.stringify(v.name)}` });
    seen.add(v.name);
    for (const e of isDns1123Label(v.name ?? '')) causes.push(invalid(`spec.versions[${i}].name`, v.name, e));
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) causes.push(required(`spec.versions[${i}].schema.openAPIV3Schema`));
    else causes.push(...checkStructuralSchema(schema, `spec.versions[${i}].schema.openAPIV3Schema`));
  });
  if (old) {
    const oldSpec = crdSpecOf(old);
    if (oldSpec.group !== spec.group) causes.push(invalid('spec.group', spec.group, 'field is immutable'));
    if (oldSpec.scope !== spec.scope) causes.push(invalid('spec.scope', spec.scope, 'field is immutable'));
  }
  return causes;
}

function acceptedStatus(crd: KubeObject, old: KubeObject | undefined): Record<string, unknown> {
  const spec = crdSpecOf(crd);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const oldStatus = old && isPlainObject(old.status) ? old.status : {};
  const storedVersions = new Set<string>(Array.isArray(oldStatus.storedVersions) ? (oldStatus.storedVersions as string[]) : []);
  const storage = spec.versions.find((v) => v.storage);
  if (storage) storedVersions.add(storage.name);
  const previous = Array.isArray(oldStatus.conditions) ? (oldStatus.conditions as { type: string; lastTransitionTime?: string }[]) : [];
  const since = (type: string) => previous.find((c) => c.type === type)?.lastTransitionTime ?? now;
  const acceptedNames: Record<string, unknown> = {
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
  };
  if (spec.names.shortNames?.length) acceptedNames.shortNames = spec.names.shortNames;
  if (spec.names.categories?.length) acceptedNames.categories = spec.names.categories;
  return {
    acceptedNames,
    conditions: [
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: since('NamesAccepted') },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: since('Established') },
    ],
    storedVersions: [...storedVersions],
  };
}

function fillNameDefaults(crd: KubeObject): void {
  const spec = crdSpecOf(crd);
  if (!isPlainObject(spec) || !isPlainObject(spec.names) || !spec.names.kind) return;
  spec.names.singular ??= spec.names.kind.toLowerCase();
  spec.names.listKind ??= `${spec.names.kind}List`;
}

export const crdStrategy: KindStrategy = {
  prepareForCreate(crd) {
    fillNameDefaults(crd);
    const finalizers = crd.metadata.finalizers ?? [];
    if (!finalizers.includes(CRD_CLEANUP_FINALIZER)) crd.metadata.finalizers = [...finalizers, CRD_CLEANUP_FINALIZER];
    if (isPlainObject(crd.spec) && Array.isArray((crd.spec as { versions?: unknown }).versions)) crd.status = acceptedStatus(crd, undefined);
  },
  prepareForUpdate(crd, old) {
    fillNameDefaults(crd);
    if (isPlainObject(crd.spec) && Array.isArray((crd.spec as { versions?: unknown }).versions) && !crd.metadata.deletionTimestamp) crd.status = acceptedStatus(crd, old);
  },
  validate: validateCrd,
};
