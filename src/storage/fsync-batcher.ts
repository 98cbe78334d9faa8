// Group fsync off the event loop. Writers that have already written their bytes call after(); it resolves
// once an fsync that began after the call has finished. While one fsync runs, later callers gather and
// share the next one, so a steady stream of commits costs one fsync per disk round trip, and the main
// thread never waits on the disk.

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class FsyncBatcher {
  private waiting: Waiter[] = [];
  private running = false;

  /** fsync: makes every byte written before it was called durable. */
  constructor(private readonly fsync: () => Promise<void>) {}

  /** Resolves when everything written before this call is durable. */
  after(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.start();
    });
  }

  private start(): void {
    if (this.running || this.waiting.length === 0) return;
    const group = this.waiting;
    this.waiting = [];
    this.running = true;
    this.fsync().then(
      () => {
        for (const waiter of group) waiter.resolve();
      },
      (error: unknown) => {
        for (const waiter of group) waiter.reject(error);
      },
    ).finally(() => {
      this.running = false;
      this.start();
    });
  }
}
