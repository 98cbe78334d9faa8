// A thread that sends ordinary HTTP requests for transports on this one (request-thread-worker.ts). A hub
// talking to hundreds of members spends a sixth of its main thread on HTTP parsing, TLS and socket work
// for their requests; on the request thread that work runs beside it, and the main thread keeps only
// building requests and reading answers. Requests and answers cross in batches, one message per turn.
// The thread starts on first use, holds the process open only while requests are in flight, and is
// started again (its pools reopened) if it dies; requests it owed then fail as connection errors.

import { Worker } from 'node:worker_threads';
import type { Pool } from 'undici';
import type { HttpResponse } from './dispatch-text.js';
import type { FromRequestThread, PlainRequest, ToRequestThread } from './request-thread-protocol.js';

interface Waiting {
  resolve(response: HttpResponse): void;
  reject(error: Error): void;
}

export class RequestThread {
  private worker: Worker | undefined;
  private nextPool = 1;
  private nextId = 1;
  private readonly pools = new Map<number, { origin: string; options: Pool.Options }>();
  private readonly waiting = new Map<number, Waiting>();
  private outbox: ToRequestThread[] = [];
  private flushScheduled = false;

  /** A pool of connections to origin on the thread; its id is what requests name. */
  openPool(origin: string, options: Pool.Options): number {
    const pool = this.nextPool++;
    this.pools.set(pool, { origin, options });
    if (this.worker) this.post({ type: 'open', pool, origin, options });
    return pool;
  }

  closePool(pool: number): void {
    if (!this.pools.delete(pool)) return;
    if (this.worker) this.post({ type: 'close', pool });
  }

  /** Rejects with an Error carrying undici's code (UND_ERR_*) or the socket's (ECONNREFUSED, ...). */
  request(pool: number, request: PlainRequest): Promise<HttpResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.started().ref();
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'request', id, pool, request });
    });
  }

  /** Stops the thread; requests in flight fail. A later request starts it again, its pools reopened. */
  close(): void {
    const worker = this.worker;
    this.detach(new Error('the request thread was stopped'));
    void worker?.terminate();
  }

  private post(message: ToRequestThread): void {
    this.started();
    this.outbox.push(message);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // After this turn of the loop, not this tick: everything the turn's callbacks ask for goes in one
    // message, as each message costs the posting thread a wake-up of the other.
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = this.outbox;
      this.outbox = [];
      if (batch.length > 0) this.worker?.postMessage(batch);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./request-thread-worker.js', import.meta.url));
    worker.unref();
    worker.on('message', (batch: FromRequestThread[]) => this.receive(batch));
    const lost = (reason: string): void => {
      if (this.worker === worker) this.detach(new Error(`the request thread stopped (${reason})`));
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    // A new thread knows no pools: open the ones still in use before any request names them.
    for (const [pool, { origin, options }] of this.pools) this.outbox.push({ type: 'open', pool, origin, options });
    return worker;
  }

  private receive(batch: FromRequestThread[]): void {
    for (const answer of batch) {
      const waiting = this.waiting.get(answer.id);
      if (!waiting) continue;
      this.waiting.delete(answer.id);
      if ('error' in answer) waiting.reject(Object.assign(new Error(answer.error.message), answer.error.code ? { code: answer.error.code } : {}));
      else waiting.resolve({ status: answer.status, text: answer.text });
    }
    if (this.waiting.size === 0) this.worker?.unref();
  }

  /** Forgets the thread and what was queued for it; requests it owed fail with `error`. */
  private detach(error: Error): void {
    this.worker = undefined;
    this.outbox = [];
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(error);
  }
}
