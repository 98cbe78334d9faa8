// A de-duplicating work queue (client-go's workqueue): a key waits at most once (dirty set), is never
// handed to two workers at once (processing set), and when re-added while being processed it is handed
// out again after done(). Delayed adds wait on one timer per queue; failed keys back off per key.

import { realClock, type Clock, type TimerHandle } from './clock.js';
import { DelayHeap } from './delay-heap.js';
import { exponentialRateLimiter, type RateLimiter } from './ratelimit.js';

export interface WorkQueueOptions {
  /** Default: per-key exponential backoff from 5 ms to 1000 s. */
  rateLimiter?: RateLimiter;
  clock?: Clock;
}

export class WorkQueue {
  private readonly rateLimiter: RateLimiter;
  private readonly clock: Clock;
  private queue: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly waiting = new DelayHeap();
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private getters: ((item: string | undefined) => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.rateLimiter = options.rateLimiter ?? exponentialRateLimiter();
  }

  /** Keys ready to be handed out. */
  get length(): number {
    return this.queue.length - this.head;
  }

  get processingCount(): number {
    return this.processing.size;
  }

  /** Keys waiting for their delay (addAfter, addRateLimited). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  get shuttingDown(): boolean {
    return this.stopped;
  }

  add(item: string): void {
    if (this.stopped || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    this.push(item);
  }

  addAfter(item: string, delayMs: number): void {
    if (this.stopped) return;
    if (!(delayMs > 0)) {
      this.add(item);
      return;
    }
    if (this.waiting.push(item, this.clock.now() + delayMs)) this.arm();
  }

  /** Re-adds after the rate limiter's delay for this key (one more failure counted). */
  addRateLimited(item: string): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }

  /** The key succeeded: its backoff starts over. */
  forget(item: string): void {
    this.rateLimiter.forget(item);
  }

  numRequeues(item: string): number {
    return this.rateLimiter.numRequeues(item);
  }

  /** The next key to process, once one is ready; undefined after shutDown. Call done(key) when finished. */
  get(): Promise<string | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    if (this.length > 0) return Promise.resolve(this.take());
    return new Promise((resolve) => this.getters.push(resolve));
  }

  done(item: string): void {
    if (!this.processing.delete(item)) return;
    if (this.dirty.has(item) && !this.stopped) this.push(item);
    else this.checkIdle();
  }

  /** Stops handing out keys: pending get() calls resolve undefined, adds are ignored, delayed keys dropped. */
  shutDown(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.waiting.clear();
    this.queue = [];
    this.head = 0;
    this.dirty.clear();
    const getters = this.getters;
    this.getters = [];
    for (const resolve of getters) resolve(undefined);
    this.checkIdle();
  }

  /** Resolves when no key is ready and none is being processed (delayed keys do not count). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.stopped || (this.length === 0 && this.processing.size === 0);
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private push(item: string): void {
    const getter = this.getters.shift();
    if (getter) {
      this.dirty.delete(item);
      this.processing.add(item);
      getter(item);
      return;
    }
    this.queue.push(item);
  }

  private take(): string {
    const item = this.queue[this.head]!;
    this.head++;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.dirty.delete(item);
    this.processing.add(item);
    return item;
  }

  /** One timer, for the earliest waiting key. */
  private arm(): void {
    const next = this.waiting.peekTime();
    if (next === undefined) {
      this.timer?.cancel();
      this.timer = undefined;
      this.timerAt = Infinity;
      return;
    }
    if (this.timer && this.timerAt <= next) return;
    this.timer?.cancel();
    this.timerAt = next;
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      for (const item of this.waiting.popDue(this.clock.now())) this.add(item);
      this.arm();
    }, next - this.clock.now());
  }
}
