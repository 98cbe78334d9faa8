// Watches a collection on the hub and records when each object first reports a condition True (e.g. a
// ResourceBinding's FullyApplied): how long after its create the hub knew the work was done, not only
// that it was. A watch the server ends is reopened; it starts again with the objects as they are.

import { conditionTrue } from '../../src/controllers/common/conditions.js';
import type { KubeObject } from '../../src/machinery/object.js';
import { pollUntil, type Endpoint } from './endpoint.js';
import { openReopeningWatch, type WatchStream } from './watch-stream.js';

export class ConditionTracker {
  private readonly firstTrue = new Map<string, number>();
  private stream: WatchStream | undefined;

  constructor(
    private readonly hub: Endpoint,
    /** e.g. /apis/work.karmada.io/v1alpha2/namespaces/default/resourcebindings */
    private readonly collection: string,
    private readonly conditionType: string,
  ) {}

  /** Opens the watch; resolves once it answered 200. */
  async open(): Promise<void> {
    this.stream = openReopeningWatch(this.hub, `${this.collection}?watch=1`, (line, t) => this.seen(line, t), () => true);
    const status = await this.stream.status;
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
    this.stream?.close();
  }

  private seen(line: string, t: number): void {
    // Only lines that can carry the condition are parsed: status writes of large objects are frequent.
    if (!line.includes(this.conditionType)) return;
    const event = JSON.parse(line) as { type?: string; object?: KubeObject };
    const name = event.object?.metadata?.name;
    if (name && !this.firstTrue.has(name) && event.type !== 'DELETED' && conditionTrue(event.object!, this.conditionType)) this.firstTrue.set(name, t);
  }
}
