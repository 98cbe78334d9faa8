// Work status written after its member copy is in place, off the path of the next apply: under load the
// copies reach the members first and their Applied status follows. At most `concurrency()` writes run
// at once (asked as each write starts), never two for one Work; a newer write for a Work replaces one
// that has not started. It runs with the execution controller's manager: once stopped (the hub shutting
// down, leadership lost) writes still waiting are dropped and later ones refused, so a store closing
// under a backlog is not written to (and failures warned about) once per waiting Work.

import type { Runnable } from '../../client/controller-types.js';

export class StatusWrites implements Runnable {
  private readonly pending = new Map<string, () => Promise<void>>();
  private readonly inFlight = new Set<string>();
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: () => number,
    private readonly failed: (key: string, error: unknown) => void,
  ) {}

  start(): void {}

  stop(): void {
    this.stopped = true;
    this.pending.clear();
    this.settleIdle();
  }

  idle(): Promise<void> {
    if (this.pending.size === 0 && this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Schedules the write for `key`, replacing one not yet started. */
  set(key: string, write: () => Promise<void>): void {
    if (this.stopped) return;
    this.pending.set(key, write);
    this.pump();
  }

  private pump(): void {
    const limit = this.concurrency();
    if (this.inFlight.size >= limit) return;
    for (const [key, write] of this.pending) {
      if (this.inFlight.has(key)) continue;
      this.pending.delete(key);
      this.inFlight.add(key);
      write()
        .catch((error: unknown) => {
          if (!this.stopped) this.failed(key, error);
        })
        .finally(() => {
          this.inFlight.delete(key);
          this.pump();
          this.settleIdle();
        });
      if (this.inFlight.size >= limit) return;
    }
  }

  private settleIdle(): void {
    if (this.pending.size > 0 || this.inFlight.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
