// The RBAC shapes the authorizer works with, read defensively from stored objects (rbac/v1 PolicyRule,
// Subject, RoleRef, AggregationRule).

import { isPlainObject, type KubeObject } from '../../../machinery/object.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

export function parseRule(value: unknown): PolicyRule | undefined {
  if (!isPlainObject(value)) return undefined;
  const rule: PolicyRule = { verbs: strings(value.verbs) ?? [] };
  const apiGroups = strings(value.apiGroups);
  const resources = strings(value.resources);
  const resourceNames = strings(value.resourceNames);
  const nonResourceURLs = strings(value.nonResourceURLs);
  if (apiGroups?.length) rule.apiGroups = apiGroups;
  if (resources?.length) rule.resources = resources;
  if (resourceNames?.length) rule.resourceNames = resourceNames;
  if (nonResourceURLs?.length) rule.nonResourceURLs = nonResourceURLs;
  return rule;
}

const parsedRules = new WeakMap<KubeObject, PolicyRule[]>();

/** The rules of a Role or ClusterRole (parsed once per stored version: stored objects never change). */
export function rulesOf(role: KubeObject | undefined): PolicyRule[] {
  if (!role || !Array.isArray(role.rules)) return [];
  let rules = parsedRules.get(role);
  if (!rules) {
    rules = role.rules.map(parseRule).filter((r): r is PolicyRule => r !== undefined);
    parsedRules.set(role, rules);
  }
  return rules;
}

export function subjectsOf(binding: KubeObject): Subject[] {
  if (!Array.isArray(binding.subjects)) return [];
  const subjects: Subject[] = [];
  for (const s of binding.subjects) {
    if (!isPlainObject(s) || typeof s.kind !== 'string' || typeof s.name !== 'string') continue;
    const subject: Subject = { kind: s.kind, name: s.name };
    if (typeof s.apiGroup === 'string') subject.apiGroup = s.apiGroup;
    if (typeof s.namespace === 'string' && s.namespace) subject.namespace = s.namespace;
    subjects.push(subject);
  }
  return subjects;
}

export function roleRefOf(binding: KubeObject): RoleRef | undefined {
  const ref = binding.roleRef;
  if (!isPlainObject(ref)) return undefined;
  return { apiGroup: typeof ref.apiGroup === 'string' ? ref.apiGroup : '', kind: typeof ref.kind === 'string' ? ref.kind : '', name: typeof ref.name === 'string' ? ref.name : '' };
}

/** The label selectors of a ClusterRole's aggregationRule; undefined when the role is not aggregated. */
export function aggregationSelectorsOf(clusterRole: KubeObject): unknown[] | undefined {
  const rule = clusterRole.aggregationRule;
  if (!isPlainObject(rule)) return undefined;
  return Array.isArray(rule.clusterRoleSelectors) ? rule.clusterRoleSelectors : [];
}

/** The user name a ServiceAccount authenticates as. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** Go's %q of a []string, as kube-apiserver prints rule fields and groups: ["a" "b"]. */
export function goQuotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}
