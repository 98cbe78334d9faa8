// Runs a set of informers and controllers (and other Runnables) together: one shared informer per
// resource (and scope), every cache synced before any controller starts, and everything stopped together.

import type { Logger } from 'pino';
import type { Informer, Runnable } from './controller-types.js';
import { createInformer, type InformerOptions } from './informer.js';
import type { Client, ResourceType } from './types.js';

export interface ControllerManagerOptions {
  log?: Logger;
  /** Retry and paging settings for the informers this manager creates. */
  informerDefaults?: Pick<InformerOptions, 'relistBackoffMs' | 'maxBackoffMs' | 'pageSize'>;
}

type Scope = Pick<InformerOptions, 'namespace' | 'labelSelector' | 'fieldSelector'>;

export class ControllerManager {
  private readonly informers = new Map<string, Informer>();
  private readonly extraInformers: Informer[] = [];
  private readonly runnables: Runnable[] = [];
  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';
  private starting: Promise<void> | undefined;

  constructor(
    private readonly client: Client | undefined,
    private readonly options: ControllerManagerOptions = {},
  ) {}

  /** The shared informer for a resource and scope, created on first use (started with the manager). */
  informer(type: ResourceType, scope: Scope = {}): Informer {
    const key = `${type.group}/${type.version}/${type.resource}|${scope.namespace ?? ''}|${scope.labelSelector ?? ''}|${scope.fieldSelector ?? ''}`;
    let informer = this.informers.get(key);
    if (informer) return informer;
    if (!this.client) throw new Error('this ControllerManager has no client: pass informers with addInformer');
    const options: InformerOptions = { ...this.options.informerDefaults, ...scope };
    if (this.options.log) options.log = this.options.log;
    informer = createInformer(this.client, type, options);
    this.informers.set(key, informer);
    if (this.state === 'starting' || this.state === 'running') void informer.start();
    return informer;
  }

  /** An informer made elsewhere, started and stopped with the manager. */
  addInformer(informer: Informer): Informer {
    this.extraInformers.push(informer);
    if (this.state === 'starting' || this.state === 'running') void informer.start();
    return informer;
  }

  /** Adds a controller (or other Runnable); once the manager runs, it starts as soon as every informer has synced. */
  add<T extends Runnable>(runnable: T): T {
    this.runnables.push(runnable);
    if (this.state === 'running') void this.startWhenSynced(runnable);
    return runnable;
  }

  /** Starts every informer, waits until all have synced, then starts the controllers. */
  async start(): Promise<void> {
    if (this.state === 'stopped') throw new Error('a stopped ControllerManager cannot start again');
    if (this.starting) return this.starting;
    this.state = 'starting';
    this.starting = (async () => {
      await this.syncAll();
      if (this.state !== 'starting') return;
      this.state = 'running';
      for (const runnable of this.runnables) runnable.start();
      this.options.log?.info({ informers: this.allInformers().length, runnables: this.runnables.length }, 'controllers started');
    })();
    return this.starting;
  }

  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    for (const runnable of this.runnables) runnable.stop();
    for (const informer of this.allInformers()) informer.stop();
  }

  /** Resolves when every controller's queue is empty and nothing is reconciling or otherwise running (tests). */
  async idle(): Promise<void> {
    // A reconcile may write, and the events that causes enqueue more work: wait until two passes in a row,
    // each giving pending I/O a turn, find every queue idle at once.
    let quietPasses = 0;
    while (quietPasses < 2) {
      let settled = false;
      const all = Promise.all(this.runnables.map((r) => r.idle())).then(() => (settled = true));
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) quietPasses++;
      else {
        quietPasses = 0;
        await all;
      }
    }
  }

  private allInformers(): Informer[] {
    return [...this.informers.values(), ...this.extraInformers];
  }

  private async syncAll(): Promise<void> {
    await Promise.all(this.allInformers().map((informer) => informer.start()));
  }

  private async startWhenSynced(runnable: Runnable): Promise<void> {
    await this.syncAll();
    if (this.state === 'running') runnable.start();
  }
}
