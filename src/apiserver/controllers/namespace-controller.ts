// Namespace deletion: a Terminating namespace has its contents deleted; once nothing is left in it,
// its "kubernetes" finalizer is removed through /finalize and the namespace disappears.

import type { Logger } from 'pino';
import { isPlainObject } from '../../machinery/object.js';
import type { StoreEvent, Watcher } from '../../storage/store.js';
import type { ClusterContext } from '../rest/cluster-context.js';
import { resourcePrefix } from '../rest/keys.js';
import { deleteStored, mutateStored } from './object-writer.js';
import { SerialQueue } from './serial-queue.js';

const NAMESPACES = '/core/namespaces/';

export class NamespaceController {
  private readonly queue: SerialQueue;
  private readonly watchers: Watcher[] = [];
  private readonly recheckTimer: NodeJS.Timeout;

  constructor(
    private readonly context: ClusterContext,
    log: Logger,
    recheckMs = 1000,
  ) {
    this.queue = new SerialQueue((key, error) => log.warn({ key, err: error }, 'namespace cleanup failed; retrying'));
    this.recheckTimer = setInterval(() => this.enqueueTerminating(), recheckMs);
    this.recheckTimer.unref();
  }

  start(): void {
    const page = this.context.store.list(NAMESPACES);
    this.watchers.push(this.context.store.watch(NAMESPACES, { fromRevision: page.revision, onEvent: (e) => this.onNamespaceEvent(e) }));
    // Deletions inside a terminating namespace may let it finish.
    this.watchers.push(
      this.context.store.watch('/', {
        fromRevision: page.revision,
        onEvent: (e) => {
          if (e.type === 'DELETED' && e.entry.object.metadata.namespace) this.enqueue(e.entry.object.metadata.namespace);
        },
      }),
    );
    this.enqueueTerminating();
  }

  stop(): void {
    clearInterval(this.recheckTimer);
    for (const w of this.watchers) w.stop();
    this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private enqueueTerminating(): void {
    for (const entry of this.context.store.list(NAMESPACES).items) {
      if (entry.object.metadata.deletionTimestamp) this.enqueue(entry.object.metadata.name ?? '');
    }
  }

  private onNamespaceEvent(event: StoreEvent): void {
    if (event.type !== 'DELETED' && event.entry.object.metadata.deletionTimestamp) this.enqueue(event.entry.object.metadata.name ?? '');
  }

  private enqueue(namespace: string): void {
    const entry = this.context.store.get(`${NAMESPACES}${namespace}`);
    if (entry?.object.metadata.deletionTimestamp) this.queue.add(namespace, () => this.finalize(namespace));
  }

  private async finalize(namespace: string): Promise<void> {
    let remaining = 0;
    for (const definition of this.context.kinds.all()) {
      if (!definition.namespaced) continue;
      for (const entry of this.context.store.list(resourcePrefix(definition, namespace)).items) {
        remaining++;
        if (!entry.object.metadata.deletionTimestamp) await deleteStored(this.context, entry.key, 'Background');
      }
    }
    if (remaining > 0) return; // finished when the last deletion event arrives
    await mutateStored(
      this.context,
      `${NAMESPACES}${namespace}`,
      'namespace-controller',
      (object) => {
        const spec = isPlainObject(object.spec) ? object.spec : {};
        if (!Array.isArray(spec.finalizers) || !spec.finalizers.includes('kubernetes')) return undefined;
        object.spec = { ...spec, finalizers: spec.finalizers.filter((f) => f !== 'kubernetes') };
        return object;
      },
      'finalize',
    );
  }
}
