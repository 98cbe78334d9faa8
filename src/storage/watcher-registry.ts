// Fans committed events out to prefix watchers. Watchers are indexed by their directory prefix, so an event
// costs one map lookup per path segment of its key, not one check per watcher.
//
// A new watcher is registered before its history is replayed, and both feed one queue: replayed history
// first, then live events, each delivered once and in revision order (anything at or below the last
// revision queued is dropped). Replay starts on a microtask, so onEvent never runs before watch() returns.

import { prefixRange } from './key-range.js';
import type { StoreError, StoreEvent, Watcher } from './store.js';

interface Subscription {
  readonly prefix: string;
  readonly onEvent: (event: StoreEvent) => void;
  readonly onError: ((error: StoreError) => void) | undefined;
  /** The watcher that carries on for this one after a hand-over (stopped with it). */
  successor: Watcher | undefined;
  readonly dir: string;
  readonly exact: string | undefined;
  /** Highest revision queued or delivered. */
  last: number;
  /** Events waiting while history is being replayed; undefined once live. */
  backlog: StoreEvent[] | undefined;
  stopped: boolean;
}

export class WatcherRegistry {
  private readonly byDir = new Map<string, Set<Subscription>>();
  private readonly byExact = new Map<string, Set<Subscription>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** history: the retained events after fromRevision, delivered before any live event. */
  add(prefix: string, fromRevision: number, history: StoreEvent[], onEvent: (event: StoreEvent) => void, onError?: (error: StoreError) => void): Watcher {
    const range = prefixRange(prefix);
    const last = history.length > 0 ? history[history.length - 1]!.revision : fromRevision;
    const sub: Subscription = { prefix, onEvent, onError, successor: undefined, dir: range.dir, exact: range.exact, last, backlog: undefined, stopped: false };
    addTo(this.byDir, sub.dir, sub);
    if (sub.exact !== undefined) addTo(this.byExact, sub.exact, sub);
    this.count++;
    if (history.length > 0) {
      sub.backlog = history;
      queueMicrotask(() => this.drain(sub));
    }
    return {
      stop: () => {
        this.remove(sub);
        sub.successor?.stop();
      },
    };
  }

  publish(event: StoreEvent): void {
    if (this.count === 0) return;
    const key = event.key;
    this.deliverAll(this.byExact.get(key), event);
    this.deliverAll(this.byDir.get(''), event);
    for (let i = key.indexOf('/'); i !== -1; i = key.indexOf('/', i + 1)) {
      this.deliverAll(this.byDir.get(key.slice(0, i + 1)), event);
    }
  }

  stopAll(): void {
    for (const set of this.byDir.values()) for (const sub of set) this.remove(sub);
  }

  /**
   * Ends every watch: a watcher with onError is told the error (it relists on its own); one without is
   * given to `adopt`, which catches it up and returns the watcher that carries on for it.
   */
  endAll(error: StoreError, adopt: (prefix: string, onEvent: (event: StoreEvent) => void) => Watcher): void {
    const subs = [...this.byDir.values()].flatMap((set) => [...set]);
    for (const sub of subs) this.remove(sub);
    for (const sub of subs) {
      try {
        if (sub.onError) sub.onError(error);
        else sub.successor = adopt(sub.prefix, sub.onEvent);
      } catch (err) {
        process.emitWarning(`storage watcher on ${sub.exact ?? sub.dir} stopped: ${String(err)}`);
      }
    }
  }

  private deliverAll(subs: Set<Subscription> | undefined, event: StoreEvent): void {
    if (!subs) return;
    for (const sub of subs) {
      if (sub.stopped || event.revision <= sub.last) continue;
      sub.last = event.revision;
      if (sub.backlog) sub.backlog.push(event);
      else this.invoke(sub, event);
    }
  }

  private drain(sub: Subscription): void {
    const backlog = sub.backlog;
    if (!backlog) return;
    for (let i = 0; i < backlog.length && !sub.stopped; i++) this.invoke(sub, backlog[i]!);
    sub.backlog = undefined;
  }

  /** A throwing handler must not starve the other watchers: it is stopped and the error reported. */
  private invoke(sub: Subscription, event: StoreEvent): void {
    try {
      sub.onEvent(event);
    } catch (err) {
      this.remove(sub);
      process.emitWarning(`storage watcher on ${sub.exact ?? sub.dir} stopped: its onEvent threw: ${String(err)}`);
    }
  }

  private remove(sub: Subscription): void {
    if (sub.stopped) return;
    sub.stopped = true;
    sub.backlog = undefined;
    removeFrom(this.byDir, sub.dir, sub);
    if (sub.exact !== undefined) removeFrom(this.byExact, sub.exact, sub);
    this.count--;
  }
}

function addTo(map: Map<string, Set<Subscription>>, key: string, sub: Subscription): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(sub);
}

function removeFrom(map: Map<string, Set<Subscription>>, key: string, sub: Subscription): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(sub);
  if (set.size === 0) map.delete(key);
}
