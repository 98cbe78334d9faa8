// The Client every controller uses (DESIGN.md §6): get/list/watch/create/update/patch/delete/apply on any
// resource. Transports: in-process (straight into a logical cluster's REST lifecycle, same admission and
// validation, no HTTP) for hub and simulator controllers; HTTP from a kubeconfig for member clusters.

import type { KubeObject } from '../machinery/object.js';

/** A resource addressed by group/version/resource (core group: ""). */
export interface ResourceType {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  kind: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  /**
   * Only each object's metadata (kube-apiserver's PartialObjectMetadata): items and watch events come
   * as kind PartialObjectMetadata — or whole, from a server that cannot leave the rest out.
   */
  metadataOnly?: boolean;
}

export interface ObjectList {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
}

export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
  /** Write a subresource ("status", "scale", ...). */
  subresource?: string;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface WatchOptions extends ListOptions {
  allowBookmarks?: boolean;
  timeoutSeconds?: number;
}

export interface WatchHandle {
  stop(): void;
  /** Resolves when the watch ends (closed by either side); rejects with the error that ended it. */
  done: Promise<void>;
}

/** Errors from a client carry the Kubernetes Status (code, reason) of the failure. */
export class ClientError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** Writes never modify or keep the object they are given (each transport copies or serializes it). */
export interface Client {
  get(type: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  list(type: ResourceType, namespace: string | undefined, options?: ListOptions): Promise<ObjectList>;
  create(type: ResourceType, object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  update(type: ResourceType, object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  patch(type: ResourceType, namespace: string | undefined, name: string, patchType: PatchType, patch: unknown, options?: PatchOptions): Promise<KubeObject>;
  delete(type: ResourceType, namespace: string | undefined, name: string, options?: DeleteOptions): Promise<void>;
  /** Watch from options.resourceVersion (unset: initial ADDED events first). onEvent is called in order. */
  watch(type: ResourceType, namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchHandle;
}
