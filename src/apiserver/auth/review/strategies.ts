// The access reviews of authorization.k8s.io/v1, answered from the cluster's authorizer and never stored:
// SelfSubjectAccessReview (may I?), SubjectAccessReview and LocalSubjectAccessReview (may this user?),
// SelfSubjectRulesReview (what may I do in this namespace?). Without an authorizer, or without an
// authenticated user, the server allows everything and the answers say so. The table also carries
// authentication.k8s.io's SelfSubjectReview (who am I?) and TokenReview (who is this token?), answered
// through the same hook.

import { errors, type StatusCause } from '../../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../../machinery/object.js';
import { fieldErrors } from '../../../machinery/validation/field-errors.js';
import { goJson } from '../../../machinery/go-json.js';
import { strategyKey, type KindStrategy, type UnstoredCreate } from '../../registry/strategy.js';
import type { AuthorizationAttributes, Authorizer } from '../types.js';
import { isRuleResolver } from '../rbac/authorizer.js';
import { attributesOf, specOf, userOfSpec, validateAttributesChoice, validateEmptyMetadata, validateSubjectSpec } from './attributes.js';
import { allowAllRules, rulesReviewStatus } from './rules.js';
import { selfSubjectReview } from './self-subject-review.js';
import { tokenReview } from './token-review.js';

const GROUP = 'authorization.k8s.io';

function refuse(kind: string, causes: StatusCause[]): void {
  if (causes.length > 0) throw errors.invalid(kind, GROUP, '', causes);
}

function decide(authorizer: Authorizer | undefined, attributes: AuthorizationAttributes): Record<string, unknown> {
  if (!authorizer) return { allowed: true };
  const decision = authorizer.authorize(attributes);
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return status;
}

function answer(object: KubeObject, status: Record<string, unknown>): KubeObject {
  return { ...object, metadata: { ...object.metadata }, status };
}

const selfSubjectAccessReview: KindStrategy = {
  createUnstored({ cluster, user, object }: UnstoredCreate) {
    const spec = specOf(object);
    refuse('SelfSubjectAccessReview', [...validateAttributesChoice(spec), ...validateEmptyMetadata(object.metadata, false)]);
    if (!user) return answer(object, { allowed: true });
    return answer(object, decide(cluster.authorizer, attributesOf(spec, user)));
  },
};

const subjectAccessReview: KindStrategy = {
  createUnstored({ cluster, object }: UnstoredCreate) {
    const spec = specOf(object);
    refuse('SubjectAccessReview', [...validateSubjectSpec(spec), ...validateEmptyMetadata(object.metadata, false)]);
    return answer(object, decide(cluster.authorizer, attributesOf(spec, userOfSpec(spec))));
  },
};

const localSubjectAccessReview: KindStrategy = {
  createUnstored({ cluster, object, namespace }: UnstoredCreate) {
    if (!namespace) throw errors.badRequest('namespace is required on this type: ');
    const metaNamespace = object.metadata.namespace;
    if (metaNamespace && metaNamespace !== namespace) throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    const withNamespace = { ...object, metadata: { ...object.metadata, namespace } };
    const spec = specOf(withNamespace);
    const causes = [...validateSubjectSpec(spec), ...validateEmptyMetadata(withNamespace.metadata, true)];
    const attributes = attributesOf(spec, userOfSpec(spec));
    if (attributes.resourceRequest && attributes.namespace !== namespace) causes.push(fieldErrors.invalid('spec.resourceAttributes.namespace', attributes.namespace ?? '', 'must match metadata.namespace'));
    if (isPlainObject(spec.nonResourceAttributes)) causes.push(fieldErrors.invalidRendered('spec.nonResourceAttributes', goJson(spec.nonResourceAttributes), 'disallowed on this kind of request'));
    refuse('LocalSubjectAccessReview', causes);
    return answer(withNamespace, decide(cluster.authorizer, attributes));
  },
};

const selfSubjectRulesReview: KindStrategy = {
  createUnstored({ cluster, user, object }: UnstoredCreate) {
    const namespace = specOf(object).namespace;
    if (typeof namespace !== 'string' || namespace === '') throw errors.badRequest('no namespace on request');
    const authorizer = cluster.authorizer;
    if (!authorizer || !user) return answer(object, allowAllRules());
    if (!isRuleResolver(authorizer)) return answer(object, { resourceRules: [], nonResourceRules: [], incomplete: true });
    return answer(object, rulesReviewStatus(authorizer.rulesFor(user, namespace)));
  },
};

export function reviewStrategies(): [string, KindStrategy][] {
  return [
    [strategyKey(GROUP, 'SelfSubjectAccessReview'), selfSubjectAccessReview],
    [strategyKey(GROUP, 'SubjectAccessReview'), subjectAccessReview],
    [strategyKey(GROUP, 'LocalSubjectAccessReview'), localSubjectAccessReview],
    [strategyKey(GROUP, 'SelfSubjectRulesReview'), selfSubjectRulesReview],
    [strategyKey('authentication.k8s.io', 'SelfSubjectReview'), selfSubjectReview],
    [strategyKey('authentication.k8s.io', 'TokenReview'), tokenReview],
  ];
}
