// kube-apiserver's audit policy (audit.k8s.io/v1 Policy): the first rule that matches a request sets its
// level; a request no rule matches is not logged. Without a policy file every request is logged at
// Metadata.

import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../../machinery/object.js';
import type { RequestAttributes } from './attributes.js';
import { nonResourcePathMatches } from './non-resource-url.js';
import type { UserInfo } from './types.js';

/** RequestResponse is accepted and logged as Request: response bodies are never written. */
export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';

export interface GroupResources {
  group: string;
  resources: string[];
  resourceNames: string[];
}

export interface AuditRule {
  level: AuditLevel;
  users: string[];
  userGroups: string[];
  verbs: string[];
  resources: GroupResources[];
  namespaces: string[];
  nonResourceURLs: string[];
}

export interface AuditPolicy {
  rules: AuditRule[];
}

export const METADATA_FOR_ALL: AuditPolicy = { rules: [{ level: 'Metadata', users: [], userGroups: [], verbs: [], resources: [], namespaces: [], nonResourceURLs: [] }] };

const LEVELS = new Set<string>(['None', 'Metadata', 'Request', 'RequestResponse']);

function strings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${where} must be a list of strings`);
  return value as string[];
}

export function parseAuditPolicy(text: string, source = 'audit policy'): AuditPolicy {
  const doc: unknown = parseYaml(text);
  if (!isPlainObject(doc) || doc.kind !== 'Policy' || (doc.apiVersion !== 'audit.k8s.io/v1' && doc.apiVersion !== 'audit.k8s.io/v1beta1')) {
    throw new Error(`${source}: expected an audit.k8s.io/v1 Policy`);
  }
  if (!Array.isArray(doc.rules)) throw new Error(`${source}: rules must be a list`);
  const rules = doc.rules.map((rule: unknown, i: number): AuditRule => {
    const where = `${source}: rules[${i}]`;
    if (!isPlainObject(rule)) throw new Error(`${where} must be a mapping`);
    if (typeof rule.level !== 'string' || !LEVELS.has(rule.level)) throw new Error(`${where}.level must be one of None, Metadata, Request, RequestResponse`);
    const resources = rule.resources === undefined || rule.resources === null ? [] : rule.resources;
    if (!Array.isArray(resources)) throw new Error(`${where}.resources must be a list`);
    const parsed: AuditRule = {
      level: rule.level as AuditLevel,
      users: strings(rule.users, `${where}.users`),
      userGroups: strings(rule.userGroups, `${where}.userGroups`),
      verbs: strings(rule.verbs, `${where}.verbs`),
      namespaces: strings(rule.namespaces, `${where}.namespaces`),
      nonResourceURLs: strings(rule.nonResourceURLs, `${where}.nonResourceURLs`),
      resources: resources.map((gr: unknown, j: number) => {
        if (!isPlainObject(gr)) throw new Error(`${where}.resources[${j}] must be a mapping`);
        if (gr.group !== undefined && typeof gr.group !== 'string') throw new Error(`${where}.resources[${j}].group must be a string`);
        return { group: (gr.group as string | undefined) ?? '', resources: strings(gr.resources, `${where}.resources[${j}].resources`), resourceNames: strings(gr.resourceNames, `${where}.resources[${j}].resourceNames`) };
      }),
    };
    if ((parsed.resources.length > 0 || parsed.namespaces.length > 0) && parsed.nonResourceURLs.length > 0) {
      throw new Error(`${where}: a rule matches either resources/namespaces or nonResourceURLs, not both`);
    }
    return parsed;
  });
  return { rules };
}

function resourceMatches(rule: AuditRule, attributes: RequestAttributes): boolean {
  if (!attributes.resourceRequest) return false;
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(attributes.namespace ?? '')) return false;
  if (rule.resources.length === 0) return true;
  const resource = attributes.resource ?? '';
  const subresource = attributes.subresource ?? '';
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const gr of rule.resources) {
    if (gr.group !== (attributes.apiGroup ?? '')) continue;
    if (gr.resources.length === 0) return true;
    if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(attributes.name ?? '')) continue;
    for (const spec of gr.resources) {
      if (spec === '*' || spec === combined) return true;
      if (subresource && spec.startsWith('*/') && spec.slice(2) === subresource) return true;
      if (spec.endsWith('/*') && spec.slice(0, -2) === resource) return true;
    }
  }
  return false;
}

function ruleMatches(rule: AuditRule, user: UserInfo | undefined, attributes: RequestAttributes): boolean {
  if (rule.users.length > 0 && (!user || !rule.users.includes(user.name))) return false;
  if (rule.userGroups.length > 0 && (!user || !user.groups.some((g) => rule.userGroups.includes(g)))) return false;
  if (rule.verbs.length > 0 && !rule.verbs.includes(attributes.verb)) return false;
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return resourceMatches(rule, attributes);
  if (rule.nonResourceURLs.length > 0) return !attributes.resourceRequest && rule.nonResourceURLs.some((spec) => nonResourcePathMatches(spec, attributes.path ?? ''));
  return true;
}

export function auditLevel(policy: AuditPolicy, user: UserInfo | undefined, attributes: RequestAttributes): AuditLevel {
  return policy.rules.find((rule) => ruleMatches(rule, user, attributes))?.level ?? 'None';
}
