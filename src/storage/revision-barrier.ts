// Lets a writer wait until the local state has applied the revision its write got: a write through a hub
// resolves only once that hub's own reads show it.

import type { StoreError } from './store.js';

interface Waiter {
  readonly revision: number;
  readonly resolve: () => void;
  readonly reject: (error: StoreError) => void;
}

export class RevisionBarrier {
  /** Sorted by revision. */
  private waiters: Waiter[] = [];
  private reached = 0;
  private failure: StoreError | undefined;

  /** Resolves once release() has passed revision. */
  wait(revision: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (revision <= this.reached) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = { revision, resolve, reject };
      let lo = 0;
      let hi = this.waiters.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.waiters[mid]!.revision <= revision) lo = mid + 1;
        else hi = mid;
      }
      this.waiters.splice(lo, 0, waiter);
    });
  }

  /** Everything at or below revision has been applied. */
  release(revision: number): void {
    if (revision <= this.reached) return;
    this.reached = revision;
    let done = 0;
    while (done < this.waiters.length && this.waiters[done]!.revision <= revision) this.waiters[done++]!.resolve();
    if (done > 0) this.waiters = this.waiters.slice(done);
  }

  /** Rejects every current and future wait. */
  fail(error: StoreError): void {
    this.failure = error;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
