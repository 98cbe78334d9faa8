// authorization.k8s.io/v1: the access reviews (`kubectl auth can-i`). Create-only: the server answers in
// status and stores nothing.

import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import { boolean, list, mapOf, object, string, stringList } from './schema-builders.js';
import { defineKind, type BuiltinKind } from './define-kind.js';
import { CREATED_AT_COLUMN } from './created-at.js';
import type { KindDefinition } from '../types.js';

const GROUP = 'authorization.k8s.io';

/** Reviews serve only create (discovery lists just that verb). */
/** A create-only kind whose answer comes back in status and is never stored (the review kinds). */
export function reviewKind(spec: BuiltinKind): KindDefinition {
  return { ...defineKind({ ...spec, printerColumns: [CREATED_AT_COLUMN] }), verbs: ['create'] };
}

const selectorRequirement = object({ key: string(), operator: string(), values: stringList() }, { required: ['key', 'operator'] });

const resourceAttributes = object(
  {
    namespace: string({ description: 'Namespace of the action; "" means all namespaces (or a cluster-scoped resource).' }),
    verb: string({ description: 'get, list, watch, create, update, patch, delete, deletecollection, or a custom verb; "*" means all.' }),
    group: string({ description: 'API group of the resource; "*" means all.' }),
    version: string({ description: 'API version of the resource; "*" means all.' }),
    resource: string({ description: 'Resource plural; "*" means all.' }),
    subresource: string({ description: 'Subresource, e.g. "status"; "" means none.' }),
    name: string({ description: 'Name of the object; "" means all.' }),
    fieldSelector: object({ rawSelector: string(), requirements: list(selectorRequirement) }),
    labelSelector: object({ rawSelector: string(), requirements: list(selectorRequirement) }),
  },
  { description: 'A request on a resource.' },
);

const nonResourceAttributes = object(
  {
    path: string({ description: 'URL path, e.g. "/healthz".' }),
    verb: string({ description: 'Lower-cased HTTP method: get, post, ...' }),
  },
  { description: 'A request on a URL that is not a resource.' },
);

const accessStatus = object(
  {
    allowed: boolean({ description: 'True when the action is allowed.' }),
    denied: boolean({ description: 'True when an authorizer denied the action outright.' }),
    reason: string({ description: 'Why it was allowed or not.' }),
    evaluationError: string({ description: 'An error met while checking; the answer may be incomplete.' }),
  },
  { required: ['allowed'], description: 'The answer.' },
);

function subjectSpec(description: string): JSONSchemaProps {
  return object(
    {
      resourceAttributes,
      nonResourceAttributes,
      user: string({ description: 'The user to check.' }),
      groups: stringList({ description: 'The user\'s groups.' }),
      extra: mapOf(stringList(), { description: 'Extra user information.' }),
      uid: string({ description: 'The user\'s UID.' }),
    },
    { description },
  );
}

export const subjectAccessReviewKind = reviewKind({
  group: GROUP,
  version: 'v1',
  kind: 'SubjectAccessReview',
  generation: false,
  plural: 'subjectaccessreviews',
  namespaced: false,
  description: 'Asks whether a given user may perform an action.',
  properties: { spec: subjectSpec('The user and the action to check.'), status: accessStatus },
  required: ['spec'],
});

export const localSubjectAccessReviewKind = reviewKind({
  group: GROUP,
  version: 'v1',
  kind: 'LocalSubjectAccessReview',
  generation: false,
  plural: 'localsubjectaccessreviews',
  namespaced: true,
  description: 'Asks whether a given user may perform an action in this namespace.',
  properties: { spec: subjectSpec('The user and the action to check; the namespace must be this one.'), status: accessStatus },
  required: ['spec'],
});

export const selfSubjectAccessReviewKind = reviewKind({
  group: GROUP,
  version: 'v1',
  kind: 'SelfSubjectAccessReview',
  generation: false,
  plural: 'selfsubjectaccessreviews',
  namespaced: false,
  description: 'Asks whether the requesting user may perform an action.',
  properties: { spec: object({ resourceAttributes, nonResourceAttributes }, { description: 'The action to check.' }), status: accessStatus },
  required: ['spec'],
});

const resourceRule = object({ verbs: stringList(), apiGroups: stringList(), resources: stringList(), resourceNames: stringList() }, { required: ['verbs'] });
const nonResourceRule = object({ verbs: stringList(), nonResourceURLs: stringList() }, { required: ['verbs'] });

export const selfSubjectRulesReviewKind = reviewKind({
  group: GROUP,
  version: 'v1',
  kind: 'SelfSubjectRulesReview',
  generation: false,
  plural: 'selfsubjectrulesreviews',
  namespaced: false,
  description: 'Lists what the requesting user may do in a namespace (`kubectl auth can-i --list`).',
  properties: {
    spec: object({ namespace: string({ description: 'The namespace to evaluate rules for.' }) }, { description: 'The namespace to list rules for.' }),
    status: object(
      {
        resourceRules: list(resourceRule),
        nonResourceRules: list(nonResourceRule),
        incomplete: boolean({ description: 'True when the list may be missing rules.' }),
        evaluationError: string(),
      },
      { required: ['resourceRules', 'nonResourceRules', 'incomplete'], description: 'What the user may do.' },
    ),
  },
  required: ['spec'],
});

export const authorizationKinds = [subjectAccessReviewKind, localSubjectAccessReviewKind, selfSubjectAccessReviewKind, selfSubjectRulesReviewKind];
