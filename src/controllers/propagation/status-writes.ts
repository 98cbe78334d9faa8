// Work status written after its member copy is in place, off the path of the next apply: under load the
// copies reach the members first and their Applied status follows. At most `concurrency` writes run at
// once, never two for one Work; a newer write for a Work replaces one that has not started.

export class StatusWrites {
  private readonly pending = new Map<string, () => Promise<void>>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly concurrency: number,
    private readonly failed: (key: string, error: unknown) => void,
  ) {}

  /** Schedules the write for `key`, replacing one not yet started. */
  set(key: string, write: () => Promise<void>): void {
    this.pending.set(key, write);
    this.pump();
  }

  private pump(): void {
    if (this.inFlight.size >= this.concurrency) return;
    for (const [key, write] of this.pending) {
      if (this.inFlight.has(key)) continue;
      this.pending.delete(key);
      this.inFlight.add(key);
      write()
        .catch((error: unknown) => this.failed(key, error))
        .finally(() => {
          this.inFlight.delete(key);
          this.pump();
        });
      if (this.inFlight.size >= this.concurrency) return;
    }
  }
}
