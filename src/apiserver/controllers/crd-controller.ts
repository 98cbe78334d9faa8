// Keeps a logical cluster's kind registry in step with its CustomResourceDefinitions. Store events
// arrive synchronously on commit, so a CRD is served (discovery, openapi, REST) by the time its create
// returns. A deleted CRD stops being served, its objects are removed, then its finalizer.

import type { Logger } from 'pino';
import type { KubeObject } from '../../machinery/object.js';
import type { StoreEvent, Watcher } from '../../storage/store.js';
import type { ClusterContext } from '../rest/cluster-context.js';
import { definitionFromCrd, crdSpecOf } from '../registry/crd-definition.js';
import { CRD_CLEANUP_FINALIZER } from '../registry/crd-strategy.js';
import { mutateStored } from './object-writer.js';
import { SerialQueue } from './serial-queue.js';

export const CRD_PREFIX = '/apiextensions.k8s.io/customresourcedefinitions/';

export class CrdController {
  private readonly queue: SerialQueue;
  private watcher: Watcher | undefined;

  constructor(
    private readonly context: ClusterContext,
    private readonly log: Logger,
  ) {
    this.queue = new SerialQueue((key, error) => log.warn({ key, err: error }, 'CRD cleanup failed; retrying'));
  }

  start(): void {
    const page = this.context.store.list(CRD_PREFIX);
    for (const entry of page.items) this.apply(entry.key, entry.object);
    this.watcher = this.context.store.watch(CRD_PREFIX, { fromRevision: page.revision, onEvent: (e) => this.onEvent(e) });
  }

  stop(): void {
    this.watcher?.stop();
    this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private onEvent(event: StoreEvent): void {
    if (event.type === 'DELETED') {
      const spec = crdSpecOf(event.entry.object);
      this.context.kinds.remove(spec.group, spec.names.plural);
      return;
    }
    this.apply(event.key, event.entry.object);
  }

  private apply(key: string, crd: KubeObject): void {
    const spec = crdSpecOf(crd);
    if (crd.metadata.deletionTimestamp) {
      this.context.kinds.remove(spec.group, spec.names.plural);
      this.queue.add(key, () => this.cleanup(key, crd));
      return;
    }
    try {
      this.context.kinds.set(definitionFromCrd(crd));
    } catch (error) {
      this.log.error({ crd: crd.metadata.name, err: error }, 'cannot serve CustomResourceDefinition');
    }
  }

  private async cleanup(key: string, crd: KubeObject): Promise<void> {
    const spec = crdSpecOf(crd);
    const prefix = `/${spec.group}/${spec.names.plural}/`;
    for (const entry of this.context.store.list(prefix).items) {
      try {
        await this.context.store.delete(entry.key);
      } catch {
        // already gone
      }
    }
    await mutateStored(this.context, key, 'apiextensions-controller', (object) => {
      const finalizers = object.metadata.finalizers ?? [];
      if (!finalizers.includes(CRD_CLEANUP_FINALIZER)) return undefined;
      object.metadata.finalizers = finalizers.filter((f) => f !== CRD_CLEANUP_FINALIZER);
      return object;
    });
  }
}
