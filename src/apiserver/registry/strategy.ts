// Per-kind hooks around the generic write lifecycle (kube-apiserver's RESTCreateStrategy /
// RESTUpdateStrategy). Most kinds need none; the generic lifecycle handles system fields, the
// spec/status split and generation.

import type { KubeObject } from '../../machinery/object.js';
import type { StatusCause } from '../../machinery/errors.js';
import type { UserInfo } from '../auth/types.js';
import type { ClusterContext } from '../rest/cluster-context.js';

/** A create or update as its author makes it (for checks that depend on who writes). */
export interface AuthoredWrite {
  cluster: ClusterContext;
  user: UserInfo;
  object: KubeObject;
  /** The stored version, on update. */
  old?: KubeObject;
  /** The request's namespace (undefined for cluster-scoped kinds). */
  namespace: string | undefined;
}

/** A create the server answers without storing anything (access reviews). */
export interface UnstoredCreate {
  cluster: ClusterContext;
  /** Undefined when the server runs without authentication. */
  user: UserInfo | undefined;
  object: KubeObject;
  namespace: string | undefined;
}

export interface KindStrategy {
  /** Fill in server-owned fields on create (after the generic lifecycle cleared status). */
  prepareForCreate?(object: KubeObject): void;
  /** Adjust an update (main resource) given the stored version. */
  prepareForUpdate?(object: KubeObject, old: KubeObject): void;
  /** Kind-specific validation beyond the schema; returns field causes. */
  validate?(object: KubeObject, old: KubeObject | undefined): StatusCause[];
  /** Finalizers beyond metadata.finalizers that hold a deleted object (Namespace spec.finalizers). */
  pendingFinalizers?(object: KubeObject): boolean;
  /** Called on a delete that has to wait for finalizers (Namespace turns Terminating). */
  prepareForDeletion?(object: KubeObject): void;
  /** Named subresources that write part of the object (Namespace /finalize): returns the object to store. */
  subresourceUpdate?(subresource: string, object: KubeObject, old: KubeObject): KubeObject | undefined;
  /** Checks a write against its author (RBAC escalation prevention); throws an ApiError to refuse. Only called for authenticated writes. */
  admitAuthoredWrite?(write: AuthoredWrite): void;
  /** Answers a create without storing it: returns the object to send back with 201 (access reviews). */
  createUnstored?(create: UnstoredCreate): KubeObject | Promise<KubeObject>;
}

export type StrategyTable = ReadonlyMap<string, KindStrategy>;

export function strategyKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/**
 * Checks of the spec a write brings. A write that keeps the stored spec as it is (a status write) is not
 * checked again, so objects stored before a check existed still take their status.
 */
export function specValidation(check: (object: KubeObject) => StatusCause[]): (object: KubeObject, old: KubeObject | undefined) => StatusCause[] {
  return (object, old) => (old !== undefined && object.spec === old.spec ? [] : check(object));
}
