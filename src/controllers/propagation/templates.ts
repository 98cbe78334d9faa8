// Resource templates are whatever kinds the propagation policies select: an informer per selected kind,
// created the first time a policy names it (onKind listeners hear of it). Dependencies a workload drags
// along (ConfigMaps, Secrets, ...) are templates too without any policy naming their kind; resolve() gives
// an informer for any served kind (onAnyKind listeners hear of those).

import type { Informer } from '../../client/controller-types.js';
import type { ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { isPlainObject } from '../../machinery/object.js';
import type { ControllerEnv } from '../env.js';

export interface TemplateKind {
  type: ResourceType;
  informer: Informer;
}

export class TemplateKinds {
  private readonly kinds = new Map<string, TemplateKind>();
  private readonly informers = new Map<string, TemplateKind>();
  private readonly listeners: ((kind: TemplateKind) => void)[] = [];
  private readonly anyListeners: ((kind: TemplateKind) => void)[] = [];

  constructor(private readonly env: ControllerEnv) {}

  /** A kind a policy selects. */
  get(apiVersion: string, kind: string): TemplateKind | undefined {
    return this.kinds.get(`${apiVersion}|${kind}`);
  }

  /** An informer for any kind the hub serves, selected by a policy or not. */
  resolve(apiVersion: string, kind: string): TemplateKind | undefined {
    const key = `${apiVersion}|${kind}`;
    const known = this.informers.get(key);
    if (known) return known;
    const type = this.env.resolveKind(apiVersion, kind);
    if (!type) return undefined;
    const entry = { type, informer: this.env.manager.informer(type) };
    this.informers.set(key, entry);
    for (const listener of this.anyListeners) listener(entry);
    return entry;
  }

  /** The template a binding's spec.resource names, with its kind, when both are there. */
  templateOf(resource: { apiVersion: string; kind: string; namespace?: string; name: string } | undefined): { kind: TemplateKind; template: KubeObject } | undefined {
    const kind = resource ? this.resolve(resource.apiVersion, resource.kind) : undefined;
    const template = kind?.informer.get(resource?.namespace, resource?.name ?? '');
    return kind && template ? { kind, template } : undefined;
  }

  /** Calls `listener` for every kind resolved now and later (policy-selected ones included). */
  onAnyKind(listener: (kind: TemplateKind) => void): void {
    this.anyListeners.push(listener);
    for (const kind of this.informers.values()) listener(kind);
  }

  all(): TemplateKind[] {
    return [...this.kinds.values()];
  }

  /** Calls `listener` for every kind known now and every kind added later. */
  onKind(listener: (kind: TemplateKind) => void): void {
    this.listeners.push(listener);
    for (const kind of this.kinds.values()) listener(kind);
  }

  /** Makes sure every kind a policy selects has an informer (unknown kinds are skipped until served). */
  ensureFor(policy: KubeObject): void {
    const spec = isPlainObject(policy.spec) ? policy.spec : {};
    const selectors = Array.isArray(spec.resourceSelectors) ? spec.resourceSelectors : [];
    for (const selector of selectors) {
      if (!isPlainObject(selector) || typeof selector.apiVersion !== 'string' || typeof selector.kind !== 'string') continue;
      const key = `${selector.apiVersion}|${selector.kind}`;
      if (this.kinds.has(key)) continue;
      const entry = this.resolve(selector.apiVersion, selector.kind);
      if (!entry) continue;
      this.kinds.set(key, entry);
      for (const listener of this.listeners) listener(entry);
    }
  }
}
