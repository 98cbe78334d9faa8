// The writer thread of the sqlite backend: owns the SQLite file, streams its current state to the main
// thread at start, then commits the batches it is sent. Batches that queue up while a commit (and its
// fsync) runs are committed together in the next transaction, so the main thread never waits on the disk.

import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { SqliteLog, type CurrentRow, type FsyncMode } from './sqlite-log.js';
import type { ToMain, ToWriter, WriteMessage } from './sqlite-writer-protocol.js';

const { path, fsync, port, signal } = workerData as { path: string; fsync: FsyncMode; port: MessagePort; signal: Int32Array };

/** Rows per message while loading. */
const LOAD_CHUNK = 2000;

/** Posts a message and wakes the main thread if it is waiting synchronously (while loading). */
function send(message: ToMain): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function start(): SqliteLog | undefined {
  let log: SqliteLog;
  try {
    log = new SqliteLog(path, fsync);
  } catch (error) {
    send({ type: 'error', message: (error as Error).message });
    return undefined;
  }
  try {
    send({ type: 'revision', revision: log.revision() });
    let chunk: CurrentRow[] = [];
    for (const row of log.current()) {
      chunk.push(row);
      if (chunk.length === LOAD_CHUNK) {
        send({ type: 'rows', rows: chunk });
        chunk = [];
      }
    }
    if (chunk.length > 0) send({ type: 'rows', rows: chunk });
    send({ type: 'loaded' });
  } catch (error) {
    log.close();
    send({ type: 'error', message: (error as Error).message });
    return undefined;
  }
  return log;
}

const log = start();
if (log) serve(log);
else port.close();

function serve(log: SqliteLog): void {
  let failure: string | undefined;
  let closed = false;
  let compaction: Promise<void> = Promise.resolve();

  const commit = (writes: WriteMessage[]): void => {
    const ids = writes.map((w) => w.id);
    if (failure === undefined) {
      try {
        log.persist(writes.length === 1 ? writes[0]!.rows : writes.flatMap((w) => w.rows));
        send({ type: 'written', upTo: ids[ids.length - 1]! });
        return;
      } catch (error) {
        // Later batches were prepared on top of these: nothing more is written (fail-stop, like etcd).
        failure = (error as Error).message;
      }
    }
    send({ type: 'failed', ids, message: failure });
  };

  const handle = (message: ToWriter): void => {
    if (message.type === 'write') {
      // Take every write already queued behind this one: one transaction, one fsync for all.
      const writes = [message];
      let next: ToWriter | undefined;
      for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
        const queued = received.message as ToWriter;
        if (queued.type !== 'write') {
          next = queued;
          break;
        }
        writes.push(queued);
      }
      commit(writes);
      if (next) handle(next);
    } else if (message.type === 'compact') {
      const run = compaction.then(() => log.compact(message.revision, () => closed));
      compaction = run.catch(() => undefined);
      run.then(
        () => send({ type: 'compacted', id: message.id }),
        (error: unknown) => send({ type: 'compact-failed', id: message.id, message: (error as Error).message }),
      );
    } else {
      closed = true;
      void compaction.then(() => {
        log.close();
        send({ type: 'closed' });
        port.close();
      });
    }
  };
  port.on('message', handle);
}
