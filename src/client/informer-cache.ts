// The objects an informer holds, by namespace then name (the built-in "namespace" index costs nothing
// extra), plus any named indexes: index value → the objects that produce it.

import type { KubeObject } from '../machinery/object.js';

export const NAMESPACE_INDEX = 'namespace';

interface Index {
  keys: (object: KubeObject) => string[];
  buckets: Map<string, Set<KubeObject>>;
}

export class InformerCache {
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private indexes: Map<string, Index> | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace ?? '')?.get(name);
  }

  list(namespace?: string): KubeObject[] {
    if (namespace !== undefined) {
      const names = this.byNamespace.get(namespace);
      return names ? [...names.values()] : [];
    }
    const out: KubeObject[] = [];
    for (const names of this.byNamespace.values()) for (const object of names.values()) out.push(object);
    return out;
  }

  byIndex(index: string, value: string): KubeObject[] {
    if (index === NAMESPACE_INDEX) return this.list(value);
    const found = this.indexes?.get(index);
    if (!found) throw new Error(`informer index ${JSON.stringify(index)} does not exist; add it with addIndex`);
    const bucket = found.buckets.get(value);
    return bucket ? [...bucket] : [];
  }

  addIndex(name: string, keys: (object: KubeObject) => string[]): void {
    if (name === NAMESPACE_INDEX || this.indexes?.has(name)) throw new Error(`informer index ${JSON.stringify(name)} already exists`);
    const index: Index = { keys, buckets: new Map() };
    (this.indexes ??= new Map()).set(name, index);
    for (const names of this.byNamespace.values()) for (const object of names.values()) indexObject(index, object);
  }

  /** Stores the object; returns the version it replaced. */
  put(object: KubeObject): KubeObject | undefined {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    let names = this.byNamespace.get(namespace);
    if (!names) this.byNamespace.set(namespace, (names = new Map()));
    const old = names.get(name);
    names.set(name, object);
    if (!old) this.count++;
    if (this.indexes) {
      for (const index of this.indexes.values()) {
        if (old) unindexObject(index, old);
        indexObject(index, object);
      }
    }
    return old;
  }

  remove(namespace: string | undefined, name: string): KubeObject | undefined {
    const names = this.byNamespace.get(namespace ?? '');
    const old = names?.get(name);
    if (!names || !old) return undefined;
    names.delete(name);
    if (names.size === 0) this.byNamespace.delete(namespace ?? '');
    this.count--;
    if (this.indexes) for (const index of this.indexes.values()) unindexObject(index, old);
    return old;
  }
}

function indexObject(index: Index, object: KubeObject): void {
  for (const value of index.keys(object)) {
    let bucket = index.buckets.get(value);
    if (!bucket) index.buckets.set(value, (bucket = new Set()));
    bucket.add(object);
  }
}

function unindexObject(index: Index, object: KubeObject): void {
  for (const value of index.keys(object)) {
    const bucket = index.buckets.get(value);
    if (!bucket) continue;
    bucket.delete(object);
    if (bucket.size === 0) index.buckets.delete(value);
  }
}
