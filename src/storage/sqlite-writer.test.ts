import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { SqliteWriter } from './sqlite-writer.js';

function freshWriter(): { writer: SqliteWriter; path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kurator-writer-'));
  const path = join(dir, 'hub.db');
  const { writer, rows } = SqliteWriter.open(path, 'full');
  assert.deepEqual([...rows], []);
  return { writer, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('what the writer committed is what the next open streams back, with the revision to continue from', async () => {
  const { writer, path, cleanup } = freshWriter();
  try {
    await Promise.all([writer.write([[1, '/k/a', '{"a":1}', 1, null]]), writer.write([[2, '/k/b', '{"b":1}', 2, null], [3, '/k/a', '{"a":2}', 1, 1]])]);
    await writer.close();
    const again = SqliteWriter.open(path, 'full');
    assert.equal(again.revision, 3);
    assert.deepEqual([...again.rows].sort(), [['/k/a', '{"a":2}', 3, 1], ['/k/b', '{"b":1}', 2, 2]]);
    await again.writer.close();
  } finally {
    cleanup();
  }
});

test('a write before the loaded rows are read is refused with what to do, not left waiting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kurator-writer-'));
  try {
    const { writer, rows } = SqliteWriter.open(join(dir, 'hub.db'), 'full');
    await assert.rejects(writer.write([[1, '/k/a', '{}', 1, null]]), /read them all before writing/);
    assert.deepEqual([...rows], []);
    await writer.write([[1, '/k/a', '{}', 1, null]]);
    await writer.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a batch SQLite refuses fails, and so does everything after it', async () => {
  const { writer, cleanup } = freshWriter();
  try {
    await writer.write([[1, '/k/a', '{}', 1, null]]);
    // Revision 1 again: the log's primary key refuses it.
    await assert.rejects(writer.write([[1, '/k/b', '{}', 1, null]]), /UNIQUE constraint failed/);
    await assert.rejects(writer.write([[2, '/k/c', '{}', 2, null]]), /UNIQUE constraint failed/);
    await writer.close();
  } finally {
    cleanup();
  }
});

test('if the writer thread dies, what it owed and every later write fail instead of hanging', async () => {
  const { writer, cleanup } = freshWriter();
  try {
    const pending = writer.write([[1, '/k/a', '{}', 1, null]]);
    // Reaching into the handle is the only way to make the thread die from outside.
    await (writer as unknown as { worker: Worker }).worker.terminate();
    await pending.then(
      () => undefined,
      (error: Error) => assert.match(error.message, /writer thread exited/),
    );
    await assert.rejects(writer.write([[2, '/k/b', '{}', 2, null]]), /writer thread exited/);
  } finally {
    cleanup();
  }
});
