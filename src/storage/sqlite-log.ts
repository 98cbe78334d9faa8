// The SQLite side of the sqlite backend: an append-only log whose row id is the revision, a current-state
// table loaded at start, and a meta table. Only this process touches the file (it is locked exclusively).

import { closeSync, fstatSync, fsync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadedVersion } from './entry.js';
import type { StoreEntry, StoreEvent } from './store.js';
import { IDENTITY_TRANSFORMER, type ValueTransformer } from './transformer.js';

export type FsyncMode = 'full' | 'normal';

/** Revisions covered by one compaction transaction; the event loop runs between transactions. */
const COMPACT_BATCH = 1000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  revision INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  value TEXT, -- NULL for a delete
  create_revision INTEGER,
  prev_revision INTEGER
);
CREATE TABLE IF NOT EXISTS current (
  key TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  value TEXT NOT NULL
); -- a rowid table: upserts of ~1 KB rows run about twice as fast as WITHOUT ROWID
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

export interface LoadedState {
  /** The highest revision ever handed out. */
  revision: number;
  entries: Iterable<StoreEntry>;
}

export class SqliteLog {
  private readonly db: Database.Database;
  private readonly insertLog: Database.Statement<[number, string, string | null, number, number | null]>;
  private readonly upsertCurrent: Database.Statement<[string, number, number, string]>;
  private readonly deleteCurrent: Database.Statement<[string]>;
  private readonly readMeta: Database.Statement<[string], number>;
  private readonly raiseMeta: Database.Statement<[string, number]>;
  private readonly deleteSuperseded: Database.Statement<[number, number]>;
  private readonly deleteTombstones: Database.Statement<[number, number]>;
  private readonly writeBatch: (batch: readonly StoreEvent[]) => void;
  private readonly compactRange: (from: number, to: number) => void;
  private readonly walPath: string;
  private walFd: number | undefined;
  /** Set when the caller must call durable() before acknowledging a persisted batch. */
  readonly durable: (() => Promise<void>) | undefined;

  /** transformer: what values go through on their way to disk and back (encryption at rest). */
  constructor(path: string, fsync: FsyncMode, private readonly transformer: ValueTransformer = IDENTITY_TRANSFORMER) {
    // Short busy timeout: the file is held exclusively for the store's lifetime, so waiting long only
    // delays the "in use" error (a second open succeeds only once the holder has exited).
    this.db = new Database(path, { timeout: 1000 });
    try {
      // Held until close: a second process opening the file fails instead of forking the revision line.
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      // Commits themselves never wait on the disk (synchronous=NORMAL: the WAL is fsynced before each
      // checkpoint, the database after it), so they survive kill -9. For 'full', durable() then fsyncs
      // the WAL off the event loop before a batch is acknowledged: what SQLite's synchronous=FULL does
      // inside every commit, without blocking the main thread on the disk.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('cache_size = -32768');
      this.db.exec(SCHEMA);
    } catch (err) {
      this.db.close();
      if (err instanceof Error && (err as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new Error(`${path} is in use by another process`, { cause: err });
      }
      throw err;
    }
    const db = this.db;
    this.walPath = `${path}-wal`;
    this.durable = fsync === 'full' && !db.memory ? () => this.syncWal() : undefined;
    this.insertLog = db.prepare('INSERT INTO log (revision, key, value, create_revision, prev_revision) VALUES (?, ?, ?, ?, ?)');
    this.upsertCurrent = db.prepare(
      'INSERT INTO current (key, revision, create_revision, value) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET revision = excluded.revision, create_revision = excluded.create_revision, value = excluded.value',
    );
    this.deleteCurrent = db.prepare('DELETE FROM current WHERE key = ?');
    this.readMeta = db.prepare<[string], number>('SELECT value FROM meta WHERE name = ?').pluck();
    this.raiseMeta = db.prepare(
      'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)',
    );
    // A row is superseded once a later row of the same key (naming it as prev_revision) is at or below the
    // compaction target; tombstones at or below it go too. The latest version at the target survives.
    this.deleteSuperseded = db.prepare(
      'DELETE FROM log WHERE revision IN (SELECT prev_revision FROM log WHERE revision > ? AND revision <= ? AND prev_revision IS NOT NULL)',
    );
    this.deleteTombstones = db.prepare('DELETE FROM log WHERE revision > ? AND revision <= ? AND value IS NULL');

    this.writeBatch = db.transaction((batch: readonly StoreEvent[]) => {
      for (const event of batch) {
        const { key, entry } = event;
        const deleted = event.type === 'DELETED';
        const stored = deleted ? null : this.transformer.toStorage(key, entry.value);
        this.insertLog.run(event.revision, key, stored, entry.createRevision, event.prev?.revision ?? null);
        if (stored === null) this.deleteCurrent.run(key);
        else this.upsertCurrent.run(key, entry.revision, entry.createRevision, stored);
      }
    });
    this.compactRange = db.transaction((from: number, to: number) => {
      this.deleteSuperseded.run(from, to);
      this.deleteTombstones.run(from, to);
      this.raiseMeta.run('compacted', to);
      // Compaction may delete the newest row (a tombstone); remember the revision so it is never reused.
      this.raiseMeta.run('revision', to);
    });
  }

  /** The current state (in table order; sorting in memory beats ORDER BY on the key index) and the revision to continue from. */
  load(): LoadedState {
    const maxLog = this.db.prepare<[], number | null>('SELECT max(revision) FROM log').pluck().get() ?? 0;
    const revision = Math.max(maxLog, this.readMeta.get('revision') ?? 0);
    const rows = this.db
      .prepare<[], [string, string, number, number]>('SELECT key, value, revision, create_revision FROM current')
      .raw()
      .iterate();
    const transformer = this.transformer;
    function* entries(): Generator<StoreEntry> {
      for (const [key, stored, rev, createRevision] of rows) yield loadedVersion(key, transformer.fromStorage(key, stored), rev, createRevision);
    }
    return { revision, entries: entries() };
  }

  /** Writes a batch in one transaction; returns once it is committed (and synced, per the fsync mode). */
  persist(batch: readonly StoreEvent[]): void {
    this.writeBatch(batch);
  }

  /** Deletes superseded log rows and tombstones at or below revision, a batch per event-loop turn. */
  async compact(revision: number, isClosed: () => boolean): Promise<void> {
    let from = this.readMeta.get('compacted') ?? 0;
    if (revision <= from) return;
    while (from < revision) {
      if (isClosed()) return;
      const to = Math.min(from + COMPACT_BATCH, revision);
      this.compactRange(from, to);
      from = to;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!isClosed()) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    this.db.close();
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
  }

  /** fsync of the WAL on libuv's thread pool (fsync covers every write to the file, from any descriptor). */
  private syncWal(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        fd = this.walDescriptor();
      } catch (error) {
        return reject(error);
      }
      fsync(fd, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** A descriptor on the WAL file SQLite writes now (reopened if the file was ever removed). */
  private walDescriptor(): number {
    if (this.walFd !== undefined && fstatSync(this.walFd).nlink > 0) return this.walFd;
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
    this.walFd = openSync(this.walPath, 'r');
    return this.walFd;
  }
}
