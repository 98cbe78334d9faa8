// rbac.authorization.k8s.io/v1: Role, ClusterRole (with aggregationRule), RoleBinding, ClusterRoleBinding,
// with the schemas and kubectl table columns of kube-apiserver.

import type { KubeObject } from '../../machinery/object.js';
import type { PrinterColumn } from '../types.js';
import { labelSelector } from './meta.js';
import { atomicObject, list, object, string, stringList } from './schema-builders.js';
import { AGE_COLUMN, arrayAt, stringAt } from './cells.js';
import { CREATED_AT_COLUMN } from './created-at.js';
import { defineKind } from './define-kind.js';

const GROUP = 'rbac.authorization.k8s.io';

const policyRule = object(
  {
    verbs: stringList({ description: 'Verbs the rule allows ("get", "list", "create", ... or "*").' }),
    apiGroups: stringList({ description: 'API groups of the resources ("" is the core group, "*" all groups).' }),
    resources: stringList({ description: 'Resources the rule applies to: "pods", "pods/log", "*/scale" or "*".' }),
    resourceNames: stringList({ description: 'Names the rule is limited to; empty means every name.' }),
    nonResourceURLs: stringList({ description: 'URL paths (a trailing "*" matches a prefix); only in ClusterRoles bound cluster-wide.' }),
  },
  { required: ['verbs'], description: 'One permission: verbs on resources (or non-resource URLs).' },
);

const rules = list(policyRule, { description: 'The permissions of this role.' });

const subject = atomicObject(
  {
    kind: string({ description: 'User, Group or ServiceAccount.' }),
    apiGroup: string({ description: '"" for ServiceAccount, "rbac.authorization.k8s.io" for User and Group.' }),
    name: string({ description: 'Name of the user, group or service account.' }),
    namespace: string({ description: 'Namespace of the service account.' }),
  },
  { required: ['kind', 'name'] },
);

const roleRef = atomicObject(
  {
    apiGroup: string({ description: 'Group of the referenced role: rbac.authorization.k8s.io.' }),
    kind: string({ description: 'Role or ClusterRole.' }),
    name: string({ description: 'Name of the referenced role.' }),
  },
  { required: ['apiGroup', 'kind', 'name'], description: 'The role granted; cannot change after creation.' },
);

const bindingProperties = {
  subjects: list(subject, { description: 'Who the role is granted to.' }),
  roleRef,
};

/** rbacv1helpers.SubjectsStrings: users, groups and "namespace/name" service accounts. */
function subjectNames(binding: KubeObject, kind: string): string {
  return arrayAt(binding, 'subjects')
    .filter((s) => stringAt(s, 'kind') === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${stringAt(s, 'namespace') ?? ''}/${stringAt(s, 'name') ?? ''}` : stringAt(s, 'name') ?? ''))
    .join(', ');
}

const bindingColumns: PrinterColumn[] = [
  { name: 'Role', type: 'string', description: 'The role granted, as Kind/name.', value: (o) => `${stringAt(o, 'roleRef', 'kind') ?? ''}/${stringAt(o, 'roleRef', 'name') ?? ''}` },
  AGE_COLUMN,
  { name: 'Users', type: 'string', priority: 1, description: 'Users in the binding.', value: (o) => subjectNames(o, 'User') },
  { name: 'Groups', type: 'string', priority: 1, description: 'Groups in the binding.', value: (o) => subjectNames(o, 'Group') },
  { name: 'ServiceAccounts', type: 'string', priority: 1, description: 'Service accounts in the binding.', value: (o) => subjectNames(o, 'ServiceAccount') },
];

export const roleKind = defineKind({
  group: GROUP,
  version: 'v1',
  kind: 'Role',
  generation: false,
  plural: 'roles',
  namespaced: true,
  description: 'A namespaced set of permissions, granted by RoleBindings in its namespace.',
  properties: { rules },
  printerColumns: [CREATED_AT_COLUMN],
});

export const clusterRoleKind = defineKind({
  group: GROUP,
  version: 'v1',
  kind: 'ClusterRole',
  generation: false,
  plural: 'clusterroles',
  namespaced: false,
  description: 'A cluster-wide set of permissions, granted by ClusterRoleBindings or, within a namespace, by RoleBindings.',
  properties: {
    rules,
    aggregationRule: object(
      { clusterRoleSelectors: list(labelSelector(), { description: 'ClusterRoles whose rules are combined into this one.' }) },
      { description: 'When set, the rules are the union of the selected ClusterRoles\' rules, kept up to date by the server.' },
    ),
  },
  printerColumns: [CREATED_AT_COLUMN],
});

export const roleBindingKind = defineKind({
  group: GROUP,
  version: 'v1',
  kind: 'RoleBinding',
  generation: false,
  plural: 'rolebindings',
  namespaced: true,
  description: 'Grants a Role, or a ClusterRole limited to this namespace, to users, groups and service accounts.',
  properties: bindingProperties,
  required: ['roleRef'],
  printerColumns: bindingColumns,
});

export const clusterRoleBindingKind = defineKind({
  group: GROUP,
  version: 'v1',
  kind: 'ClusterRoleBinding',
  generation: false,
  plural: 'clusterrolebindings',
  namespaced: false,
  description: 'Grants a ClusterRole in every namespace and cluster-wide to users, groups and service accounts.',
  properties: bindingProperties,
  required: ['roleRef'],
  printerColumns: bindingColumns,
});

export const rbacKinds = [roleKind, clusterRoleKind, roleBindingKind, clusterRoleBindingKind];
