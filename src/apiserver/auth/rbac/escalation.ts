// Escalation prevention (kube-apiserver's policy-based RBAC storage): creating or updating a Role or
// ClusterRole needs every permission it grants (or the "escalate" verb on it); a binding needs the
// referenced role's permissions (or the "bind" verb on that role). system:masters may do anything.

import { ApiError, errors } from '../../../machinery/errors.js';
import type { KubeObject } from '../../../machinery/object.js';
import { deepEqual } from '../../../machinery/deep.js';
import type { Authorizer, UserInfo } from '../types.js';
import { SYSTEM_MASTERS, aggregateErrors } from './authorizer.js';
import { compactRules, compactString, covers } from './covers.js';
import { RBAC_GROUP, aggregationSelectorsOf, goQuotedList, roleRefOf, rulesOf, type PolicyRule } from './policy.js';
import type { RbacIndex } from './rbac-index.js';

export interface EscalationInput {
  index: RbacIndex;
  authorizer: Authorizer;
  user: UserInfo;
  /** roles, clusterroles, rolebindings or clusterrolebindings. */
  resource: string;
  object: KubeObject;
  /** The stored version, on update. */
  old?: KubeObject;
  /** The request's namespace; "" for cluster-scoped objects. */
  namespace: string;
}

/** Rules only cluster-admin holds: needed to set or change a ClusterRole's aggregationRule. */
const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

export function checkRoleEscalation(input: EscalationInput): void {
  const { user, object, old } = input;
  if (user.groups.includes(SYSTEM_MASTERS)) return;
  // Updates name the object; creates do not (as kube-apiserver's request info).
  if (allowedVerb(input, 'escalate', input.resource, old ? object.metadata.name ?? '' : '')) return;
  if (old && onlyGarbageCollectionFieldsChanged(object, old)) return;
  confirmNoEscalation(input, rulesOf(object));
  const aggregated = aggregationSelectorsOf(object) !== undefined || (old !== undefined && aggregationSelectorsOf(old) !== undefined);
  if (input.resource === 'clusterroles' && aggregated && !holds(input, FULL_AUTHORITY)) {
    throw forbidden(input, 'must have cluster-admin privileges to use the aggregationRule');
  }
}

export function checkBindingEscalation(input: EscalationInput): void {
  const { user, object, old } = input;
  if (user.groups.includes(SYSTEM_MASTERS)) return;
  if (old && onlyGarbageCollectionFieldsChanged(object, old)) return;
  const roleRef = roleRefOf(object);
  // An unknown roleRef kind is refused by validation.
  if (roleRef?.kind !== 'Role' && roleRef?.kind !== 'ClusterRole') return;
  const roleResource = roleRef.kind === 'Role' ? 'roles' : 'clusterroles';
  if (allowedVerb(input, 'bind', roleResource, roleRef.name, roleRef.apiGroup)) return;
  const { rules, error } = input.index.roleReferenceRules(roleRef, input.namespace);
  if (error !== undefined) throw errors.notFound(roleResource, RBAC_GROUP, roleRef.name);
  confirmNoEscalation(input, rules);
}

function allowedVerb(input: EscalationInput, verb: string, resource: string, name: string, group = RBAC_GROUP): boolean {
  const attributes = { user: input.user, verb, resourceRequest: true, apiGroup: group, apiVersion: '*', resource, name, namespace: input.namespace };
  return input.authorizer.authorize(attributes).allowed;
}

function holds(input: EscalationInput, rules: readonly PolicyRule[]): boolean {
  return covers(input.index.rulesFor(input.user, input.namespace).rules, rules).covered;
}

/** kube's ConfirmNoEscalation: the user's own rules in the namespace must cover the rules granted. */
function confirmNoEscalation(input: EscalationInput, rules: readonly PolicyRule[]): void {
  const owned = input.index.rulesFor(input.user, input.namespace);
  const { covered, missing } = covers(owned.rules, rules);
  if (covered) return;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let message = `user ${JSON.stringify(input.user.name)} (groups=${goQuotedList(input.user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owned.errors.length > 0) message += `; resolution errors: [${aggregateErrors(owned.errors)}]`;
  throw forbidden(input, message);
}

function forbidden(input: EscalationInput, why: string): ApiError {
  const name = input.object.metadata.name ?? '';
  return new ApiError(403, 'Forbidden', `${input.resource}.${RBAC_GROUP} ${JSON.stringify(name)} is forbidden: ${why}`, { name, group: RBAC_GROUP, kind: input.resource });
}

const GC_METADATA = ['ownerReferences', 'finalizers', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'resourceVersion', 'managedFields', 'generation', 'selfLink'];

/** kube's IsOnlyMutatingGCFields: an update touching only owner references and finalizers escalates nothing. */
export function onlyGarbageCollectionFieldsChanged(object: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => {
    const metadata = { ...o.metadata };
    for (const field of GC_METADATA) delete metadata[field];
    return { ...o, metadata };
  };
  return deepEqual(strip(object), strip(old));
}
