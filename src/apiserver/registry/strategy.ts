// Per-kind hooks around the generic write lifecycle (kube-apiserver's RESTCreateStrategy /
// RESTUpdateStrategy). Most kinds need none; the generic lifecycle handles system fields, the
// spec/status split and generation.

import type { KubeObject } from '../../machinery/object.js';
import type { StatusCause } from '../../machinery/errors.js';

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
}

export type StrategyTable = ReadonlyMap<string, KindStrategy>;

export function strategyKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}
