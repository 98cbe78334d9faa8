// The kinds one logical cluster serves: built-ins plus the CRDs installed in it. Lookups by
// group/version/resource (requests) and by apiVersion/kind (owner references, object bodies).

import type { KindDefinition, KindVersion } from '../../api/types.js';

export interface ServedResource {
  readonly definition: KindDefinition;
  readonly version: KindVersion;
  readonly group: string;
  readonly apiVersion: string; // "v1" or "apps/v1"
  readonly storageVersion: string;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function storageVersionOf(definition: KindDefinition): string {
  return (definition.versions.find((v) => v.storage) ?? definition.versions[0]!).name;
}

export class KindRegistry {
  /** group/resource → definition (one definition per group+plural, several versions). */
  private readonly byGroupResource = new Map<string, KindDefinition>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;

  constructor(builtins: readonly KindDefinition[]) {
    for (const definition of builtins) this.byGroupResource.set(`${definition.group}/${definition.plural}`, definition);
  }

  /** Bumped on every change; caches (discovery, openapi) compare it. */
  get changeCount(): number {
    return this.generation;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(definition: KindDefinition): void {
    this.byGroupResource.set(`${definition.group}/${definition.plural}`, definition);
    this.changed();
  }

  remove(group: string, plural: string): void {
    if (this.byGroupResource.delete(`${group}/${plural}`)) this.changed();
  }

  definition(group: string, plural: string): KindDefinition | undefined {
    return this.byGroupResource.get(`${group}/${plural}`);
  }

  /** A served version of group/resource, or undefined. */
  resolve(group: string, version: string, resource: string): ServedResource | undefined {
    const definition = this.byGroupResource.get(`${group}/${resource}`);
    if (!definition) return undefined;
    const kindVersion = definition.versions.find((v) => v.name === version && v.served);
    if (!kindVersion) return undefined;
    return { definition, version: kindVersion, group, apiVersion: apiVersionOf(group, version), storageVersion: storageVersionOf(definition) };
  }

  /** Resolves an apiVersion + kind (as in ownerReferences) to a served resource. */
  resolveKind(apiVersion: string, kind: string): ServedResource | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    for (const definition of this.byGroupResource.values()) {
      if (definition.group !== group || definition.kind !== kind) continue;
      const served = this.resolve(group, version, definition.plural);
      if (served) return served;
    }
    return undefined;
  }

  all(): KindDefinition[] {
    return [...this.byGroupResource.values()];
  }

  private changed(): void {
    this.generation++;
    for (const listener of this.listeners) listener();
  }
}
