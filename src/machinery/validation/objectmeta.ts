// ObjectMeta validation on create and update, as apimachinery's ValidateObjectMetaAccessor: name or
// generateName, namespace scope, generation, labels, annotations, owner references, finalizers and
// managed fields. Ill-typed fields are skipped here; decoding reports them (objectMetaDecodeError).

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { childPath, fieldErrors, indexPath } from './field-errors.js';
import { goQuote, goStringSlice } from './go-format.js';
import {
  isDns1123Label,
  isQualifiedName,
  isValidLabelValue,
  nameIsDns1123Label,
  nameIsDns1123Subdomain,
  utf8Length,
  validatePathSegmentName,
} from './names.js';
import { remembered } from '../remembered.js';

// Label keys, annotation keys and finalizers repeat from object to object: their problems (usually none)
// are remembered. Callers only read the lists.
const keyProblems = remembered(1024, (key: string) => isQualifiedName(key));
const annotationKeyProblems = remembered(1024, (key: string) => isQualifiedName(key.toLowerCase()));

export type NameRule = 'dns1123Subdomain' | 'dns1123Label' | 'pathSegment';

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameRule: NameRule;
  /** Where the metadata sits; "metadata" for a resource, e.g. "spec.template.metadata" when embedded. */
  fieldPath?: string;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;
const FIELD_MANAGER_MAX_LENGTH = 128;

const NAME_RULES: Record<NameRule, (name: string, prefix: boolean) => string[]> = {
  dns1123Subdomain: nameIsDns1123Subdomain,
  dns1123Label: nameIsDns1123Label,
  pathSegment: validatePathSegmentName,
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function validateObjectMeta(meta: unknown, options: ObjectMetaOptions): StatusCause[] {
  const m = isPlainObject(meta) ? meta : {};
  const path = options.fieldPath ?? 'metadata';
  const nameFn = NAME_RULES[options.nameRule];
  const causes: StatusCause[] = [];

  const generateName = str(m.generateName);
  if (generateName) for (const msg of nameFn(generateName, true)) causes.push(fieldErrors.invalid(childPath(path, 'generateName'), generateName, msg));
  const name = str(m.name);
  // Upstream validates after generating the name; a generateName that validates stands for it here.
  if (name) for (const msg of nameFn(name, false)) causes.push(fieldErrors.invalid(childPath(path, 'name'), name, msg));
  else if (!generateName) causes.push(fieldErrors.required(childPath(path, 'name'), 'name or generateName is required'));

  const namespace = str(m.namespace);
  if (options.namespaced) {
    if (!namespace) causes.push(fieldErrors.required(childPath(path, 'namespace')));
    else for (const msg of isDns1123Label(namespace)) causes.push(fieldErrors.invalid(childPath(path, 'namespace'), namespace, msg));
  } else if (namespace) {
    causes.push(fieldErrors.forbidden(childPath(path, 'namespace'), 'not allowed on this type'));
  }

  if (typeof m.generation === 'number' && m.generation < 0) {
    causes.push(fieldErrors.invalid(childPath(path, 'generation'), m.generation, 'must be greater than or equal to 0'));
  }
  validateLabels(m.labels, childPath(path, 'labels'), causes);
  validateAnnotations(m.annotations, childPath(path, 'annotations'), causes);
  validateOwnerReferences(m.ownerReferences, childPath(path, 'ownerReferences'), causes);
  validateFinalizers(m.finalizers, childPath(path, 'finalizers'), causes);
  validateManagedFields(m.managedFields, childPath(path, 'managedFields'), causes);
  return causes;
}

function validateLabels(labels: unknown, path: string, causes: StatusCause[]): void {
  if (!isPlainObject(labels)) return;
  for (const key in labels) {
    for (const msg of keyProblems(key)) causes.push(fieldErrors.invalid(path, key, msg));
    const value = labels[key];
    if (typeof value === 'string') for (const msg of isValidLabelValue(value)) causes.push(fieldErrors.invalid(path, value, msg));
  }
}

function validateAnnotations(annotations: unknown, path: string, causes: StatusCause[]): void {
  if (!isPlainObject(annotations)) return;
  let total = 0;
  for (const key in annotations) {
    // Annotation keys are qualified names in any case.
    for (const msg of annotationKeyProblems(key)) causes.push(fieldErrors.invalid(path, key, msg));
    total += utf8Length(key) + utf8Length(str(annotations[key]));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) causes.push(fieldErrors.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
}

/** Go's %#v of a metav1.OwnerReference (a set pointer shows its value where Go would show an address). */
function ownerReferenceGo(ref: Record<string, unknown>): string {
  const ptr = (v: unknown): string => (typeof v === 'boolean' ? `(*bool)(${v})` : '(*bool)(nil)');
  const fields = [`APIVersion:${goQuote(str(ref.apiVersion))}`, `Kind:${goQuote(str(ref.kind))}`, `Name:${goQuote(str(ref.name))}`, `UID:${goQuote(str(ref.uid))}`];
  fields.push(`Controller:${ptr(ref.controller)}`, `BlockOwnerDeletion:${ptr(ref.blockOwnerDeletion)}`);
  return `v1.OwnerReference{${fields.join(', ')}}`;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  if (apiVersion.indexOf('/', slash + 1) >= 0) return { group: '', version: '' };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function validateOwnerReferences(refs: unknown, path: string, causes: StatusCause[]): void {
  if (!Array.isArray(refs)) return;
  let firstController = '';
  for (const item of refs) {
    const ref = isPlainObject(item) ? item : {};
    const apiVersion = str(ref.apiVersion);
    const kind = str(ref.kind);
    const { group, version } = splitApiVersion(apiVersion);
    if (!version) causes.push(fieldErrors.invalid(childPath(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!kind) causes.push(fieldErrors.invalid(childPath(path, 'kind'), kind, 'kind must not be empty'));
    if (!str(ref.name)) causes.push(fieldErrors.invalid(childPath(path, 'name'), str(ref.name), 'name must not be empty'));
    if (!str(ref.uid)) causes.push(fieldErrors.invalid(childPath(path, 'uid'), str(ref.uid), 'uid must not be empty'));
    if (group === '' && version === 'v1' && kind === 'Event') {
      causes.push(fieldErrors.invalidRendered(path, ownerReferenceGo(ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const current = `${kind}/${str(ref.name)}`;
      if (firstController) {
        const list = `[]v1.OwnerReference{${refs.map((r) => ownerReferenceGo(isPlainObject(r) ? r : {})).join(', ')}}`;
        const detail = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
        causes.push(fieldErrors.invalidRendered(path, list, detail));
      } else firstController = current;
    }
  }
}

function validateFinalizers(finalizers: unknown, path: string, causes: StatusCause[]): void {
  if (!Array.isArray(finalizers)) return;
  let orphan = false;
  let foreground = false;
  for (const f of finalizers) {
    if (typeof f !== 'string') continue;
    for (const msg of keyProblems(f)) causes.push(fieldErrors.invalid(path, f, msg));
    if (f === 'orphan') orphan = true;
    if (f === 'foregroundDeletion') foreground = true;
  }
  if (orphan && foreground) {
    const list = goStringSlice(finalizers.filter((f): f is string => typeof f === 'string'));
    causes.push(fieldErrors.invalidRendered(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
}

function validateManagedFields(entries: unknown, path: string, causes: StatusCause[]): void {
  if (!Array.isArray(entries)) return;
  entries.forEach((item, i) => {
    const entry = isPlainObject(item) ? item : {};
    const at = indexPath(path, i);
    const operation = str(entry.operation);
    if (operation !== 'Apply' && operation !== 'Update') causes.push(fieldErrors.invalid(childPath(at, 'operation'), operation, 'must be `Apply` or `Update`'));
    const fieldsType = str(entry.fieldsType);
    if (fieldsType && fieldsType !== 'FieldsV1') causes.push(fieldErrors.invalid(childPath(at, 'fieldsType'), fieldsType, 'must be `FieldsV1`'));
    if (utf8Length(str(entry.manager)) > FIELD_MANAGER_MAX_LENGTH) causes.push(fieldErrors.tooLong(childPath(at, 'manager'), FIELD_MANAGER_MAX_LENGTH));
    if (utf8Length(str(entry.subresource)) > FIELD_MANAGER_MAX_LENGTH) causes.push(fieldErrors.tooLong(childPath(at, 'subresource'), FIELD_MANAGER_MAX_LENGTH));
  });
}
