// Spacing of status writes for objects whose status summarises many others (a Fleet over its clusters, a
// binding over its Works): without it, every member change rewrites the whole summary. The first write
// happens at once; later ones wait until the interval has passed, carrying every change made meanwhile.

export class WritePacer {
  /** When each key was last written, and how long it then asked to be left alone. */
  private readonly last = new Map<string, { at: number; intervalMs: number }>();

  constructor(private readonly intervalMs: number) {}

  /**
   * 0 when a write may happen now (and it is recorded), else the milliseconds to wait before trying
   * again. `intervalMs` spaces the writes after this one (default: the pacer's interval).
   */
  take(key: string, now = Date.now(), intervalMs = this.intervalMs): number {
    const wait = this.wait(key, now);
    if (wait > 0) return wait;
    this.mark(key, now, intervalMs);
    return 0;
  }

  /** Records a write that happens now whatever the wait (one that should not wait); later ones are spaced from it. */
  mark(key: string, now = Date.now(), intervalMs = this.intervalMs): void {
    this.last.set(key, { at: now, intervalMs });
  }

  /** How long until a write may happen, without taking it (0: now). */
  wait(key: string, now = Date.now()): number {
    const last = this.last.get(key);
    return last ? Math.max(0, Math.ceil(last.at + last.intervalMs - now)) : 0;
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
