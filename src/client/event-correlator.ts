// client-go's event correlation (tools/record/events_cache.go), which keeps a noisy controller from
// flooding the API with Events:
// - a spam filter: per source and object, a token bucket of 25 events refilled one per 5 minutes; events
//   beyond it are dropped;
// - an aggregator: once 10 events of the same source, object, type and reason but different messages
//   arrive within 10 minutes, further ones become one "(combined from similar events): ..." event whose
//   count grows.

import type { KubeObject } from '../machinery/object.js';
import type { EventInfo } from './event-recorder.js';

const SPAM_BURST = 25;
const SPAM_REFILL_MS = 5 * 60_000;
const AGGREGATE_AFTER = 10;
const AGGREGATE_WINDOW_MS = 10 * 60_000;
const MAX_TRACKED = 4096;

export interface Correlated {
  /** Events with the same key are one Event whose count grows. */
  key: string;
  message: string;
}

interface Bucket {
  tokens: number;
  at: number;
}

interface Similar {
  messages: Set<string>;
  at: number;
}

export class EventCorrelator {
  private readonly buckets = new Map<string, Bucket>();
  private readonly similar = new Map<string, Similar>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** What to record for this event, or undefined when it is dropped as spam. */
  correlate(object: KubeObject, event: EventInfo, component: string, host = ''): Correlated | undefined {
    const source = `${component}|${host}|${object.kind}|${object.metadata.namespace ?? ''}|${object.metadata.name ?? ''}|${object.metadata.uid ?? ''}`;
    const now = this.clock();
    if (!this.takeToken(source, now)) return undefined;
    const aggregateKey = `${source}|${event.type}|${event.reason}`;
    let record = this.similar.get(aggregateKey);
    if (!record || now - record.at > AGGREGATE_WINDOW_MS) record = { messages: new Set(), at: now };
    record.at = now;
    remember(this.similar, aggregateKey, record);
    record.messages.add(event.message);
    if (record.messages.size < AGGREGATE_AFTER) return { key: `${aggregateKey}|${event.message}`, message: event.message };
    // Do not let the set grow beyond the threshold.
    record.messages.delete(record.messages.values().next().value as string);
    return { key: aggregateKey, message: `(combined from similar events): ${event.message}` };
  }

  private takeToken(source: string, now: number): boolean {
    const bucket = this.buckets.get(source) ?? { tokens: SPAM_BURST, at: now };
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (now - bucket.at) / SPAM_REFILL_MS);
    bucket.at = now;
    remember(this.buckets, source, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

/** Sets key as the most recent entry, forgetting the oldest beyond MAX_TRACKED. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_TRACKED) map.delete(map.keys().next().value as string);
}
