// The cluster's Roles, ClusterRoles and bindings, kept in memory and fresh through a store watch, with the
// bindings indexed by subject so a check touches only the bindings that name the user, its groups or its
// ServiceAccount. visitRulesFor walks rules in kube-apiserver's order: ClusterRoleBindings, then the
// RoleBindings of the request's namespace.

import type { KubeObject } from '../../../machinery/object.js';
import type { Store, StoreEntry, StoreEvent, Watcher } from '../../../storage/store.js';
import type { UserInfo } from '../types.js';
import { RBAC_GROUP, roleRefOf, rulesOf, serviceAccountUsername, subjectsOf, type PolicyRule, type RoleRef, type Subject } from './policy.js';

const PREFIX = `/${RBAC_GROUP}/`;

export interface BindingRecord {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  name: string;
  /** "" for ClusterRoleBindings. */
  namespace: string;
  roleRef: RoleRef | undefined;
  subjects: Subject[];
  /** Insertion order, so walks are deterministic. */
  seq: number;
}

/** Where a rule came from, worded as kube-apiserver's decision reasons. */
export interface RuleSource {
  binding: BindingRecord;
  subject: Subject;
}

export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

type ObjectKind = 'roles' | 'clusterroles' | 'rolebindings' | 'clusterrolebindings';

interface ParsedKey {
  kind: ObjectKind;
  namespace: string;
  name: string;
}

function parseKey(key: string): ParsedKey | undefined {
  const parts = key.slice(PREFIX.length).split('/');
  const kind = parts[0];
  if ((kind === 'roles' || kind === 'rolebindings') && parts.length === 3) return { kind, namespace: parts[1]!, name: parts[2]! };
  if ((kind === 'clusterroles' || kind === 'clusterrolebindings') && parts.length === 2) return { kind, namespace: '', name: parts[1]! };
  return undefined;
}

/** The index keys a subject is found under; none for kinds that never match. */
function subjectKey(subject: Subject, bindingNamespace: string): string | undefined {
  switch (subject.kind) {
    case 'User':
      return `u:${subject.name}`;
    case 'Group':
      return `g:${subject.name}`;
    case 'ServiceAccount': {
      // A RoleBinding's ServiceAccount without a namespace means one in the binding's namespace.
      const namespace = subject.namespace || bindingNamespace;
      return namespace ? `u:${serviceAccountUsername(namespace, subject.name)}` : undefined;
    }
    default:
      return undefined;
  }
}

function userKeys(user: UserInfo): string[] {
  return [`u:${user.name}`, ...user.groups.map((g) => `g:${g}`)];
}

/** kube's appliesToUser: the first subject of a binding that names this user. */
function matchingSubject(user: UserInfo, subjects: readonly Subject[], bindingNamespace: string): Subject | undefined {
  for (const subject of subjects) {
    switch (subject.kind) {
      case 'User':
        if (user.name === subject.name) return subject;
        break;
      case 'Group':
        if (user.groups.includes(subject.name)) return subject;
        break;
      case 'ServiceAccount': {
        const namespace = subject.namespace || bindingNamespace;
        if (namespace && user.name === serviceAccountUsername(namespace, subject.name)) return subject;
        break;
      }
    }
  }
  return undefined;
}

class SubjectIndex {
  private readonly bySubject = new Map<string, Set<BindingRecord>>();

  add(binding: BindingRecord): void {
    for (const subject of binding.subjects) {
      const key = subjectKey(subject, binding.namespace);
      if (key === undefined) continue;
      let set = this.bySubject.get(key);
      if (!set) this.bySubject.set(key, (set = new Set()));
      set.add(binding);
    }
  }

  remove(binding: BindingRecord): void {
    for (const subject of binding.subjects) {
      const key = subjectKey(subject, binding.namespace);
      if (key === undefined) continue;
      const set = this.bySubject.get(key);
      set?.delete(binding);
      if (set?.size === 0) this.bySubject.delete(key);
    }
  }

  /** Bindings naming the user, one of its groups or its ServiceAccount, in insertion order. */
  candidates(user: UserInfo): BindingRecord[] {
    const found = new Set<BindingRecord>();
    for (const key of userKeys(user)) for (const binding of this.bySubject.get(key) ?? []) found.add(binding);
    return [...found].sort((a, b) => a.seq - b.seq);
  }

  get empty(): boolean {
    return this.bySubject.size === 0;
  }
}

export class RbacIndex {
  private readonly roles = new Map<string, KubeObject>();
  private readonly clusterRoles = new Map<string, KubeObject>();
  private readonly bindings = new Map<string, BindingRecord>();
  private readonly clusterBindingSubjects = new SubjectIndex();
  private readonly roleBindingSubjects = new Map<string, SubjectIndex>();
  private readonly clusterRoleListeners = new Set<() => void>();
  private watcher: Watcher | undefined;
  private seq = 0;
  private changes = 0;

  constructor(private readonly store: Store) {}

  start(): void {
    if (this.watcher) return;
    const page = this.store.list(PREFIX);
    for (const entry of page.items) this.put(entry);
    this.watcher = this.store.watch(PREFIX, { fromRevision: page.revision, onEvent: (event) => this.onEvent(event) });
  }

  stop(): void {
    this.watcher?.stop();
    this.watcher = undefined;
  }

  /** Called after any ClusterRole changes (the aggregation controller listens). */
  onClusterRoleChange(listener: () => void): () => void {
    this.clusterRoleListeners.add(listener);
    return () => this.clusterRoleListeners.delete(listener);
  }

  clusterRole(name: string): KubeObject | undefined {
    return this.clusterRoles.get(name);
  }

  allClusterRoles(): KubeObject[] {
    return [...this.clusterRoles.values()];
  }

  role(namespace: string, name: string): KubeObject | undefined {
    return this.roles.get(`${namespace}/${name}`);
  }

  /** The rules a binding's roleRef grants, or the error kube-apiserver reports when the role is missing. */
  roleReferenceRules(roleRef: RoleRef | undefined, bindingNamespace: string): { rules: PolicyRule[]; error?: string } {
    switch (roleRef?.kind) {
      case 'Role': {
        const role = bindingNamespace ? this.role(bindingNamespace, roleRef.name) : undefined;
        return role ? { rules: rulesOf(role) } : { rules: [], error: `role.${RBAC_GROUP} ${JSON.stringify(roleRef.name)} not found` };
      }
      case 'ClusterRole': {
        const role = this.clusterRoles.get(roleRef.name);
        return role ? { rules: rulesOf(role) } : { rules: [], error: `clusterrole.${RBAC_GROUP} ${JSON.stringify(roleRef.name)} not found` };
      }
      default:
        return { rules: [], error: `unsupported role reference kind: ${JSON.stringify(roleRef?.kind ?? '')}` };
    }
  }

  /** Calls visitor with each rule that applies to the user in the namespace ("" = cluster-wide only); false stops. */
  visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor): void {
    if (!this.visitBindings(user, this.clusterBindingSubjects.candidates(user), visitor)) return;
    if (!namespace) return;
    const local = this.roleBindingSubjects.get(namespace);
    if (local) this.visitBindings(user, local.candidates(user), visitor);
  }

  /** Every rule that applies to the user in the namespace, and the errors met resolving them. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_source, rule, error) => {
      if (rule) rules.push(rule);
      if (error) errors.push(error);
      return true;
    });
    return { rules, errors };
  }

  private visitBindings(user: UserInfo, bindings: readonly BindingRecord[], visitor: RuleVisitor): boolean {
    for (const binding of bindings) {
      const subject = matchingSubject(user, binding.subjects, binding.namespace);
      if (!subject) continue;
      const { rules, error } = this.roleReferenceRules(binding.roleRef, binding.namespace);
      if (error !== undefined) {
        if (!visitor(undefined, undefined, error)) return false;
        continue;
      }
      for (const rule of rules) if (!visitor({ binding, subject }, rule, undefined)) return false;
    }
    return true;
  }

  /** Moves on whenever a role or binding changes: decisions remembered at another generation are stale. */
  get generation(): number {
    return this.changes;
  }

  private onEvent(event: StoreEvent): void {
    this.changes++;
    try {
      if (event.type === 'DELETED') this.drop(event.key);
      else this.put(event.entry);
    } catch {
      // A malformed object must not stop the watch: it simply grants nothing.
    }
  }

  private put(entry: StoreEntry): void {
    const key = parseKey(entry.key);
    if (!key) return;
    const id = `${key.namespace}/${key.name}`;
    switch (key.kind) {
      case 'roles':
        this.roles.set(id, entry.object);
        return;
      case 'clusterroles':
        this.clusterRoles.set(key.name, entry.object);
        this.clusterRolesChanged();
        return;
      case 'rolebindings':
      case 'clusterrolebindings': {
        this.drop(entry.key);
        const binding: BindingRecord = {
          kind: key.kind === 'rolebindings' ? 'RoleBinding' : 'ClusterRoleBinding',
          name: key.name,
          namespace: key.namespace,
          roleRef: roleRefOf(entry.object),
          subjects: subjectsOf(entry.object),
          seq: this.seq++,
        };
        this.bindings.set(entry.key, binding);
        this.subjectIndex(binding.namespace, true)!.add(binding);
        return;
      }
    }
  }

  private drop(storeKey: string): void {
    const key = parseKey(storeKey);
    if (!key) return;
    switch (key.kind) {
      case 'roles':
        this.roles.delete(`${key.namespace}/${key.name}`);
        return;
      case 'clusterroles':
        this.clusterRoles.delete(key.name);
        this.clusterRolesChanged();
        return;
      default: {
        const binding = this.bindings.get(storeKey);
        if (!binding) return;
        this.bindings.delete(storeKey);
        const index = this.subjectIndex(binding.namespace, false);
        index?.remove(binding);
        if (binding.namespace && index?.empty) this.roleBindingSubjects.delete(binding.namespace);
      }
    }
  }

  private subjectIndex(namespace: string, create: boolean): SubjectIndex | undefined {
    if (!namespace) return this.clusterBindingSubjects;
    let index = this.roleBindingSubjects.get(namespace);
    if (!index && create) this.roleBindingSubjects.set(namespace, (index = new SubjectIndex()));
    return index;
  }

  private clusterRolesChanged(): void {
    for (const listener of this.clusterRoleListeners) listener();
  }
}
