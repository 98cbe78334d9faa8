// Child process for the crash test: writes to a sqlite store without pause and prints one line per
// acknowledged write ("<key> <revision>"), until the test kills it with SIGKILL.

import { writeSync } from 'node:fs';
import { openSqliteStore } from '../sqlite.js';

const [path, fsync] = process.argv.slice(2);
if (!path) throw new Error('usage: crash-writer <db path> [full|normal]');
const store = openSqliteStore(path, { fsync: fsync === 'normal' ? 'normal' : 'full' });

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Prints one line synchronously. stdout is a non-blocking pipe, so a full pipe (the test reading slowly) answers EAGAIN: wait for it to drain rather than die. */
function printLine(line: string): void {
  let rest = Buffer.from(line);
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(1, rest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1); // a millisecond for the reader, not a busy spin
    }
  }
}

async function writer(id: number): Promise<void> {
  for (let n = 0; ; n++) {
    const key = `/crash/configmaps/w${id}/o${n}`;
    const metadata = { name: `o${n}`, namespace: `w${id}` };
    const created = await store.create(key, { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { v: '1' } });
    printLine(`${created.key} ${created.revision}\n`);
    if (n % 3 === 0) {
      const updated = await store.update(key, { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { v: '2' } }, created.revision);
      printLine(`${updated.key} ${updated.revision}\n`);
    }
  }
}

printLine(`ready ${store.revision}\n`);
for (let id = 0; id < 16; id++) void writer(id);
