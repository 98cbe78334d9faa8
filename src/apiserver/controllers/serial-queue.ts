// Runs tasks one at a time, de-duplicated by key, so controllers inside the server never race
// themselves. Errors are reported and the task retried after a delay.

export class SerialQueue {
  private readonly queued = new Map<string, () => Promise<void>>();
  private running = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly onError: (key: string, error: unknown) => void,
    private readonly retryDelayMs = 200,
  ) {}

  add(key: string, task: () => Promise<void>): void {
    if (this.stopped) return;
    this.queued.set(key, task);
    if (!this.running) void this.drain();
  }

  stop(): void {
    this.stopped = true;
    this.queued.clear();
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.running && this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queued.size > 0 && !this.stopped) {
      const [key, task] = this.queued.entries().next().value as [string, () => Promise<void>];
      this.queued.delete(key);
      try {
        await task();
      } catch (error) {
        this.onError(key, error);
        const timer = setTimeout(() => this.add(key, task), this.retryDelayMs);
        timer.unref();
      }
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
