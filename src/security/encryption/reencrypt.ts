// Rewrites stored values in the current write form after a key rotation (or after encryption was turned
// on for a resource): each value is written back unchanged through the store, which encrypts it with the
// configuration's first key, as kube's storage version migration does. Runs in the background in batches
// (a batch is group-committed in one transaction); a value changed meanwhile was already written in the
// current form and is skipped. Logs counts and key names, never content.

import type { Logger } from 'pino';
import { StoreError, type Store } from '../../storage/store.js';

const BATCH = 100;

export interface ReencryptionResult {
  rewritten: number;
  /** Deleted or changed since they were read: already in the current form. */
  skipped: number;
  failed: number;
  /** The store closed before every value was rewritten; the rest are rewritten at the next start. */
  interrupted: boolean;
}

export interface Reencryption {
  readonly done: Promise<ReencryptionResult>;
  /** Stops after the batch in flight. */
  stop(): void;
}

/** `context` (e.g. which keys now write) is added to the log lines. */
export function startReencryption(store: Store, keys: readonly string[], log: Logger, context: Record<string, unknown> = {}): Reencryption {
  let stopped = false;
  const result: ReencryptionResult = { rewritten: 0, skipped: 0, failed: 0, interrupted: false };
  const rewrite = async (key: string): Promise<void> => {
    const entry = store.get(key);
    if (!entry) {
      result.skipped++;
      return;
    }
    try {
      await store.update(key, entry.object, entry.revision);
      result.rewritten++;
    } catch (error) {
      if (error instanceof StoreError && (error.code === 'Conflict' || error.code === 'NotFound')) result.skipped++;
      else if (error instanceof StoreError && error.code === 'Closed') stopped = true;
      else {
        result.failed++;
        log.warn({ key, err: (error as Error).message }, 'encryption at rest: could not re-encrypt a stored value');
      }
    }
  };
  const run = async (): Promise<ReencryptionResult> => {
    if (keys.length === 0) return result;
    const started = Date.now();
    log.info({ values: keys.length, ...context }, 'encryption at rest: re-encrypting stored values not written with the current key');
    for (let i = 0; i < keys.length && !stopped; i += BATCH) {
      // Let requests in between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stopped) break;
      await Promise.all(keys.slice(i, i + BATCH).map(rewrite));
    }
    result.interrupted = stopped && result.rewritten + result.skipped + result.failed < keys.length;
    log.info({ ...result, ...context, ms: Date.now() - started }, result.interrupted ? 'encryption at rest: re-encryption interrupted; it continues at the next start' : 'encryption at rest: re-encryption done');
    return result;
  };
  return {
    done: run(),
    stop: () => {
      stopped = true;
    },
  };
}
