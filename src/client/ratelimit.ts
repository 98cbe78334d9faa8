// How long a failed item waits before it is retried (client-go's workqueue rate limiters): per-item
// exponential backoff, an overall token bucket, and the larger of several.

import { realClock, type Clock } from './clock.js';

export interface RateLimiter {
  /** The delay before the item may be processed again; counts a failure. */
  when(item: string): number;
  /** Stops tracking the item (it succeeded). */
  forget(item: string): void;
  /** Failures counted since the last forget. */
  numRequeues(item: string): number;
}

/** base·2^failures, capped at max: 5 ms, 10 ms, 20 ms, ... 1000 s by default. */
export function exponentialRateLimiter(baseMs = 5, maxMs = 1_000_000): RateLimiter {
  const failures = new Map<string, number>();
  return {
    when(item) {
      const n = failures.get(item) ?? 0;
      failures.set(item, n + 1);
      const delay = baseMs * 2 ** n;
      return delay > maxMs || !Number.isFinite(delay) ? maxMs : delay;
    },
    forget(item) {
      failures.delete(item);
    },
    numRequeues(item) {
      return failures.get(item) ?? 0;
    },
  };
}

/**
 * A token bucket over all items: `burst` retries at once, then `qps` per second. Like a reservation,
 * every call takes a token, waiting for it when the bucket is empty.
 */
export function bucketRateLimiter(qps = 10, burst = 100, clock: Clock = realClock): RateLimiter {
  let tokens = burst;
  let last = clock.now();
  return {
    when() {
      const now = clock.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * qps);
      last = now;
      tokens -= 1;
      return tokens >= 0 ? 0 : Math.ceil((-tokens / qps) * 1000);
    },
    forget() {},
    numRequeues() {
      return 0;
    },
  };
}

/** The longest delay of the given limiters. */
export function maxOfRateLimiters(...limiters: RateLimiter[]): RateLimiter {
  return {
    when(item) {
      let delay = 0;
      for (const limiter of limiters) delay = Math.max(delay, limiter.when(item));
      return delay;
    },
    forget(item) {
      for (const limiter of limiters) limiter.forget(item);
    },
    numRequeues(item) {
      let n = 0;
      for (const limiter of limiters) n = Math.max(n, limiter.numRequeues(item));
      return n;
    },
  };
}

/** client-go's default for controllers: per-item 5 ms → 1000 s, and at most 10 retries/s (burst 100) overall. */
export function defaultControllerRateLimiter(clock: Clock = realClock): RateLimiter {
  return maxOfRateLimiters(exponentialRateLimiter(5, 1_000_000), bucketRateLimiter(10, 100, clock));
}
