// The request thread: holds one undici pool per connection it is told to open and sends the requests it
// is given on them, so TLS, HTTP parsing and socket work run off the main thread's event loop.

import { parentPort } from 'node:worker_threads';
import { Pool, type Dispatcher } from 'undici';
import { dispatchForText } from './dispatch-text.js';
import type { FromRequestThread, ToRequestThread } from './request-thread-protocol.js';

const port = parentPort!;
const pools = new Map<number, Pool>();
let outbox: FromRequestThread[] = [];

/** Answers that complete in one turn of the loop go back in one message. */
function answer(message: FromRequestThread): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(message);
}

function flush(): void {
  const batch = outbox;
  outbox = [];
  port.postMessage(batch);
}

function send(id: number, pool: Pool | undefined, request: Dispatcher.DispatchOptions): void {
  if (!pool) {
    answer({ id, error: { code: 'UND_ERR_CLOSED', message: 'the connection pool was closed' } });
    return;
  }
  dispatchForText(pool, request).then(
    ({ status, text }) => answer({ id, status, text }),
    (error: unknown) => {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      answer({ id, error: { ...(typeof code === 'string' ? { code } : {}), message: error instanceof Error ? error.message : String(error) } });
    },
  );
}

port.on('message', (batch: ToRequestThread[]) => {
  for (const message of batch) {
    if (message.type === 'request') {
      const { method, path, headers, body } = message.request;
      send(message.id, pools.get(message.pool), { method: method as Dispatcher.HttpMethod, path, headers, body });
    } else if (message.type === 'open') {
      pools.set(message.pool, new Pool(message.origin, message.options));
    } else {
      // Requests still in flight fail with a connection error; nothing waits on the pool's teardown.
      pools.get(message.pool)?.destroy().catch(() => undefined);
      pools.delete(message.pool);
    }
  }
});
