// Watches a collection on the hub and records when each object first reports a condition True (e.g. a
// ResourceBinding's FullyApplied): how long after its create the hub knew the work was done, not only
// that it was. A watch the server ends is reopened; it starts again with the objects as they are.

import { pollUntil, type Endpoint } from './endpoint.js';
import { openWatchStream, type WatchStream } from './watch-stream.js';

interface Conditioned {
  metadata?: { name?: string };
  status?: { conditions?: { type?: string; status?: string }[] };
}

/** Whether the object's condition of type `type` has status True. */
function conditionTrue(object: Conditioned | undefined, type: string): boolean {
  return object?.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

export class ConditionTracker {
  private readonly firstTrue = new Map<string, number>();
  private stream: WatchStream | undefined;
  private closed = false;

  constructor(
    private readonly hub: Endpoint,
    /** e.g. /apis/work.karmada.io/v1alpha2/namespaces/default/resourcebindings */
    private readonly collection: string,
    private readonly conditionType: string,
  ) {}

  /** Opens the watch; resolves once it answered 200. */
  async open(): Promise<void> {
    const status = await this.watch();
    if (status !== 200) throw new Error(`the watch of ${this.collection} answered ${status || 'nothing (no connection)'}`);
  }

  /** When `name` first had the condition True (ms, the bench's clock), if it has. */
  firstTrueAt(name: string): number | undefined {
    return this.firstTrue.get(name);
  }

  /** Resolves when every name has had the condition True, or when time runs out (check firstTrueAt). */
  waitForAll(names: readonly string[], timeoutMs: number): Promise<void> {
    return pollUntil(() => names.every((n) => this.firstTrue.has(n)), timeoutMs);
  }

  close(): void {
    this.closed = true;
    this.stream?.close();
  }

  private watch(): Promise<number> {
    const stream = openWatchStream(this.hub, `${this.collection}?watch=1`, (line, t) => {
      // Only lines that can carry the condition are parsed: status writes of large objects are frequent.
      if (!line.includes(this.conditionType)) return;
      const event = JSON.parse(line) as { type?: string; object?: Conditioned };
      const name = event.object?.metadata?.name;
      if (name && !this.firstTrue.has(name) && event.type !== 'DELETED' && conditionTrue(event.object, this.conditionType)) this.firstTrue.set(name, t);
    });
    this.stream = stream;
    void stream.ended.then(() => {
      if (!this.closed) setTimeout(() => void this.watch(), 100);
    });
    return stream.status;
  }
}
