// One request on an undici pool with its whole body collected as text: what the HTTP transport sends on
// its own event loop and what the request thread sends for it (request-thread-worker.ts).

import type { Dispatcher, Pool } from 'undici';

export interface HttpResponse {
  status: number;
  text: string;
}

/**
 * The pool's dispatch with a handler of our own, not its request(): that wraps every response body in a
 * Readable stream to consume it again, about a fifth of the client's CPU per request, which a hub talking
 * to hundreds of members pays on every copy.
 */
export function dispatchForText(pool: Pool, options: Dispatcher.DispatchOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const chunks: Buffer[] = [];
    pool.dispatch(options, {
      // Present so undici takes this for a handler of its current interface (it tells them by this method).
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        // An informational (1xx) answer comes before the final one; only the final one's body is kept.
        status = statusCode;
        chunks.length = 0;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        resolve({ status, text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
}
