// Label and field selectors of list and watch requests, compiled once into a predicate.

import type { KindDefinition } from '../../api/types.js';
import { errors } from '../../machinery/errors.js';
import { matchesFields, parseFieldSelector, type FieldRequirement } from '../../machinery/fields.js';
import { matchesLabels, parseLabelSelector, type LabelRequirement } from '../../machinery/labels.js';
import { ownValue, type KubeObject } from '../../machinery/object.js';

export type ObjectPredicate = (object: KubeObject) => boolean;

export interface Selection {
  predicate?: ObjectPredicate;
  /** A metadata.name=<x> requirement lets a list or watch skip straight to one key. */
  exactName?: string;
  /** A metadata.namespace=<x> requirement narrows an all-namespaces request. */
  exactNamespace?: string;
}

export function compileSelection(definition: KindDefinition, labelSelector: string | undefined, fieldSelector: string | undefined): Selection {
  let labels: LabelRequirement[] = [];
  let fields: FieldRequirement[] = [];
  try {
    if (labelSelector) labels = parseLabelSelector(labelSelector);
  } catch (error) {
    throw errors.badRequest(`unable to parse requirement: ${(error as Error).message}`.replace('unable to parse requirement: unable to parse requirement: ', 'unable to parse requirement: '));
  }
  try {
    if (fieldSelector) fields = parseFieldSelector(fieldSelector);
  } catch (error) {
    throw errors.badRequest(`invalid field selector: ${(error as Error).message}`);
  }
  const getters = definition.fieldSelectors ?? {};
  // Own keys only: a field named like an Object member ('constructor', '__proto__') is not a field label.
  const getterOf = (field: string) => ownValue(getters, field);
  for (const requirement of fields) {
    if (requirement.field !== 'metadata.name' && requirement.field !== 'metadata.namespace' && !getterOf(requirement.field)) {
      throw errors.badRequest(`field label not supported: ${requirement.field}`);
    }
  }
  const selection: Selection = {};
  for (const requirement of fields) {
    if (requirement.operator !== '=') continue;
    if (requirement.field === 'metadata.name') selection.exactName = requirement.value;
    if (requirement.field === 'metadata.namespace') selection.exactNamespace = requirement.value;
  }
  if (labels.length === 0 && fields.length === 0) return selection;
  const fieldOf = (object: KubeObject) => (field: string): string | undefined => {
    if (field === 'metadata.name') return object.metadata.name;
    if (field === 'metadata.namespace') return object.metadata.namespace ?? '';
    return getterOf(field)?.(object);
  };
  selection.predicate = (object) => (labels.length === 0 || matchesLabels(labels, object.metadata.labels)) && (fields.length === 0 || matchesFields(fields, fieldOf(object)));
  return selection;
}
