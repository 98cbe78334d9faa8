// The main thread's handle on the SQLite writer thread. Opening is synchronous — the current state is
// streamed over a message port while this thread waits on a shared counter — so a store opens (and fails
// to open, say when another process holds the file) the same way it did when SQLite ran here. After
// that, write() sends rows and resolves once the writer has committed them durably.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CurrentRow, FsyncMode, LogRow } from './sqlite-log.js';
import type { ToMain, ToWriter } from './sqlite-writer-protocol.js';

/** How long opening waits for the writer thread to say anything. */
const OPEN_TIMEOUT_MS = 60_000;

interface Waiting {
  id: number;
  resolve(): void;
  reject(error: Error): void;
}

export class SqliteWriter {
  private nextId = 1;
  /** Writes sent and not yet answered, in id order. */
  private readonly writes: Waiting[] = [];
  private readonly compactions = new Map<number, Waiting>();
  private closing: Promise<void> | undefined;
  private onClosed: (() => void) | undefined;
  /** Set when the writer thread died: nothing it owed will come. */
  private lost: Error | undefined;
  /** Answers are read only once the loaded rows have been: before that a write would wait forever. */
  private listening = false;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
  ) {
    worker.on('error', (error) => this.die(error));
    worker.on('exit', (code) => this.die(new Error(`the SQLite writer thread exited (code ${code})`)));
  }

  /**
   * Starts the writer on `path`; `revision` is where the revision line continues, `rows` the current state
   * (read once, in order). Writes and compactions are refused until `rows` has been read to the end.
   */
  static open(path: string, fsync: FsyncMode): { writer: SqliteWriter; revision: number; rows: Iterable<CurrentRow> } {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./sqlite-writer-worker.js', import.meta.url), { workerData: { path, fsync, port: port2, signal }, transferList: [port2] });
    worker.unref();
    let seen = 0;
    const next = (): ToMain => {
      for (;;) {
        const received = receiveMessageOnPort(port1);
        if (received) return received.message as ToMain;
        if (Atomics.wait(signal, 0, seen, OPEN_TIMEOUT_MS) === 'timed-out') throw new Error(`the SQLite writer for ${path} did not start within ${OPEN_TIMEOUT_MS / 1000} s`);
        seen = Atomics.load(signal, 0);
      }
    };
    const failed = (message: string): never => {
      port1.close();
      void worker.terminate();
      throw new Error(message);
    };
    const first = next();
    if (first.type === 'error') failed(first.message);
    if (first.type !== 'revision') failed(`the SQLite writer for ${path} answered ${first.type} when opening`);
    const writer = new SqliteWriter(worker, port1);
    function* rows(): Generator<CurrentRow> {
      for (;;) {
        const message = next();
        if (message.type === 'rows') yield* message.rows;
        else if (message.type === 'loaded') break;
        else if (message.type === 'error') failed(message.message);
      }
      writer.listen();
    }
    return { writer, revision: (first as { revision: number }).revision, rows: rows() };
  }

  /** Commits rows (in one transaction with any others sent meanwhile); resolves once durable. */
  write(rows: LogRow[]): Promise<void> {
    if (this.lost) return Promise.reject(this.lost);
    if (!this.listening) return Promise.reject(notLoaded());
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.writes.push({ id, resolve, reject });
      this.send({ type: 'write', id, rows });
    });
  }

  compact(revision: number): Promise<void> {
    if (this.lost) return Promise.reject(this.lost);
    if (!this.listening) return Promise.reject(notLoaded());
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.compactions.set(id, { id, resolve, reject });
      this.send({ type: 'compact', id, revision });
    });
  }

  /** Waits for what was sent, then closes the file and ends the thread. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.onClosed = resolve;
      this.send({ type: 'close' });
    }).then(() => this.worker.terminate().then(() => undefined));
    return this.closing;
  }

  /** Fails everything the writer still owes (the store then stops: see CommittingStore). */
  private die(error: Error): void {
    if (this.closing || this.lost) return;
    this.lost = error;
    for (const waiting of this.writes.splice(0)) waiting.reject(error);
    for (const waiting of this.compactions.values()) waiting.reject(error);
    this.compactions.clear();
    this.port.unref();
  }

  /** Ends the thread at once (opening went wrong after the file was read). */
  abandon(): void {
    this.closing = Promise.resolve();
    this.port.close();
    void this.worker.terminate();
  }

  private send(message: ToWriter): void {
    // Keep the process alive only while the writer owes an answer.
    this.port.ref();
    this.port.postMessage(message);
  }

  private listen(): void {
    this.listening = true;
    this.port.on('message', (message: ToMain) => this.receive(message));
    this.port.unref();
  }

  private receive(message: ToMain): void {
    switch (message.type) {
      case 'written':
        while (this.writes.length > 0 && this.writes[0]!.id <= message.upTo) this.writes.shift()!.resolve();
        break;
      case 'failed': {
        const ids = new Set(message.ids);
        while (this.writes.length > 0 && ids.has(this.writes[0]!.id)) this.writes.shift()!.reject(new Error(message.message));
        break;
      }
      case 'compacted':
      case 'compact-failed': {
        const waiting = this.compactions.get(message.id);
        this.compactions.delete(message.id);
        if (message.type === 'compacted') waiting?.resolve();
        else waiting?.reject(new Error(message.message));
        break;
      }
      case 'closed':
        this.onClosed?.();
        break;
    }
    if (this.writes.length === 0 && this.compactions.size === 0 && !this.closing) this.port.unref();
  }
}

function notLoaded(): Error {
  return new Error('the SQLite writer answers writes once the rows it loaded have been read: read them all before writing');
}
