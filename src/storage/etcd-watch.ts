// One etcd watch over the store's key range that survives failures: when the stream breaks (a member
// died, the network blinked) it is opened again — on whichever member answers — from the revision after
// the last one delivered, with backoff. When etcd has compacted that revision away, the feed relists and
// the watch continues after the relisted revision.

import type { Etcd3, IDuplexStream, IEvent, IWatchRequest, IWatchResponse } from 'etcd3';

export interface EtcdWatchFeed {
  /** The next revision the watch must deliver. */
  resumeFrom(): number;
  /** The events of one response, in revision order. */
  events(events: readonly IEvent[]): void;
  /** etcd reports that every event at or below revision has been delivered. */
  progress(revision: number): void;
  /** History from resumeFrom() is gone; the feed reloads, after which the watch resumes from resumeFrom(). */
  compacted(compactRevision: number): Promise<void>;
  /** The stream failed and will be opened again after delayMs. */
  broken(error: unknown, attempt: number, delayMs: number): void;
}

export interface EtcdWatchBackoff {
  initialMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: EtcdWatchBackoff = { initialMs: 50, maxMs: 3000 };

type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse>;

export class EtcdWatchLoop {
  private stopped = false;
  private stream: WatchStream | undefined;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: Etcd3,
    private readonly range: { key: Buffer; range_end: Buffer },
    private readonly feed: EtcdWatchFeed,
    private readonly backoff: EtcdWatchBackoff = DEFAULT_BACKOFF,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Stops the watch; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stream?.cancel();
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      let error: unknown;
      try {
        await this.watchOnce(() => (attempt = 0));
        continue; // compacted and relisted: resume at once
      } catch (err) {
        error = err;
      }
      if (this.stopped) return;
      attempt++;
      const delayMs = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(attempt - 1, 16)) * (0.5 + Math.random() / 2);
      this.feed.broken(error, attempt, Math.round(delayMs));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Resolves after a compaction was handled; rejects when the stream fails. */
  private async watchOnce(onCreated: () => void): Promise<void> {
    const stream = await this.client.watchClient.watch();
    if (this.stopped) {
      stream.cancel();
      throw new Error('stopped');
    }
    this.stream = stream;
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const finish = (outcome: () => void): void => {
          if (settled) return;
          settled = true;
          stream.cancel();
          outcome();
        };
        stream.on('data', (res) => {
          if (settled) return;
          if (res.canceled) {
            const compactRevision = Number(res.compact_revision);
            if (compactRevision > 0) {
              finish(() => this.feed.compacted(compactRevision).then(resolve, reject));
            } else {
              finish(() => reject(new Error(`etcd canceled the watch${res.cancel_reason ? `: ${res.cancel_reason}` : ''}`)));
            }
            return;
          }
          if (res.created) {
            onCreated();
            return;
          }
          if (res.events.length > 0) this.feed.events(res.events);
          else this.feed.progress(Number(res.header.revision));
        });
        stream.on('error', (err) => finish(() => reject(err)));
        stream.on('end', () => finish(() => reject(new Error('etcd ended the watch stream'))));
        stream.write({ create_request: { ...this.range, start_revision: this.feed.resumeFrom(), progress_notify: true } });
      });
    } finally {
      if (this.stream === stream) this.stream = undefined;
    }
  }
}
