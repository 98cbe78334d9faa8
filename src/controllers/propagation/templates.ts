// Resource templates are whatever kinds the propagation policies select: an informer per selected kind,
// created the first time a policy names it.

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

  constructor(
    private readonly env: ControllerEnv,
    private readonly onNewKind: (kind: TemplateKind) => void,
  ) {}

  get(apiVersion: string, kind: string): TemplateKind | undefined {
    return this.kinds.get(`${apiVersion}|${kind}`);
  }

  all(): TemplateKind[] {
    return [...this.kinds.values()];
  }

  /** Makes sure every kind a policy selects has an informer (unknown kinds are skipped until served). */
  ensureFor(policy: KubeObject): void {
    const spec = isPlainObject(policy.spec) ? policy.spec : {};
    const selectors = Array.isArray(spec.resourceSelectors) ? spec.resourceSelectors : [];
    for (const selector of selectors) {
      if (!isPlainObject(selector) || typeof selector.apiVersion !== 'string' || typeof selector.kind !== 'string') continue;
      const key = `${selector.apiVersion}|${selector.kind}`;
      if (this.kinds.has(key)) continue;
      const type = this.env.resolveKind(selector.apiVersion, selector.kind);
      if (!type) continue;
      const entry = { type, informer: this.env.manager.informer(type) };
      this.kinds.set(key, entry);
      this.onNewKind(entry);
    }
  }
}
