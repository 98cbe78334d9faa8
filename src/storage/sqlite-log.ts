// The SQLite side of the sqlite backend: an append-only log whose row id is the revision, and a meta
// table. Only this process touches the file (it is locked exclusively). It runs in the writer thread
// (sqlite-writer-worker.ts); values arrive already in their stored form.
//
// The current state is the newest log row of each key, unless that row is a delete. Compaction removes
// only rows a later row of the same key supersedes (and deletes), so the log always holds it, and a write
// appends one row: nothing else is kept in step with the log. (Files written when a current-state table
// held a second copy of each object open as they are; that table is dropped.)

import Database from 'better-sqlite3';

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
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** The current state's rows (CurrentRow): each key's newest log row unless it is a delete, in revision order. */
export const CURRENT_STATE_QUERY =
  'SELECT key, value, revision, create_revision FROM log WHERE revision IN (SELECT max(revision) FROM log GROUP BY key) AND value IS NOT NULL';

/** One change as the log stores it: value null for a delete. */
export type LogRow = [revision: number, key: string, value: string | null, createRevision: number, prevRevision: number | null];

/** One current object as stored: key, value, revision, create revision. */
export type CurrentRow = [key: string, value: string, revision: number, createRevision: number];

export class SqliteLog {
  private readonly db: Database.Database;
  private readonly insertLog: Database.Statement<[number, string, string | null, number, number | null]>;
  private readonly readMeta: Database.Statement<[string], number>;
  private readonly raiseMeta: Database.Statement<[string, number]>;
  private readonly deleteSuperseded: Database.Statement<[number, number]>;
  private readonly deleteTombstones: Database.Statement<[number, number]>;
  private readonly writeBatch: (rows: readonly LogRow[]) => void;
  private readonly compactRange: (from: number, to: number) => void;

  constructor(path: string, fsync: FsyncMode) {
    // Short busy timeout: the file is held exclusively for the store's lifetime, so waiting long only
    // delays the "in use" error (a second open succeeds only once the holder has exited).
    this.db = new Database(path, { timeout: 1000 });
    try {
      // Held until close: a second process opening the file fails instead of forking the revision line.
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      // WAL + synchronous=FULL fsyncs the WAL at every commit: an acknowledged write survives kill -9 and
      // power loss. NORMAL fsyncs only at checkpoints: it survives kill -9 but power loss may drop the
      // last commits.
      this.db.pragma(`synchronous = ${fsync === 'normal' ? 'NORMAL' : 'FULL'}`);
      this.db.pragma('cache_size = -32768');
      this.db.exec(SCHEMA);
      // The log holds every current object (above): a current-state table from an earlier layout is a copy.
      this.db.exec('DROP TABLE IF EXISTS current');
    } catch (err) {
      this.db.close();
      if (err instanceof Error && (err as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new Error(`${path} is in use by another process`, { cause: err });
      }
      throw err;
    }
    const db = this.db;
    this.insertLog = db.prepare('INSERT INTO log (revision, key, value, create_revision, prev_revision) VALUES (?, ?, ?, ?, ?)');
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

    this.writeBatch = db.transaction((rows: readonly LogRow[]) => {
      for (const [revision, key, value, createRevision, prevRevision] of rows) this.insertLog.run(revision, key, value, createRevision, prevRevision);
    });
    this.compactRange = db.transaction((from: number, to: number) => {
      this.deleteSuperseded.run(from, to);
      this.deleteTombstones.run(from, to);
      this.raiseMeta.run('compacted', to);
      // Compaction may delete the newest row (a tombstone); remember the revision so it is never reused.
      this.raiseMeta.run('revision', to);
    });
  }

  /** The highest revision ever handed out: where the revision line continues. */
  revision(): number {
    const maxLog = this.db.prepare<[], number | null>('SELECT max(revision) FROM log').pluck().get() ?? 0;
    return Math.max(maxLog, this.readMeta.get('revision') ?? 0);
  }

  /** The current state (the store sorts the keys itself). */
  current(): IterableIterator<CurrentRow> {
    return this.db.prepare<[], CurrentRow>(CURRENT_STATE_QUERY).raw().iterate();
  }

  /** Writes rows in one transaction; returns once it is committed (and synced, per the fsync mode). */
  persist(rows: readonly LogRow[]): void {
    this.writeBatch(rows);
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
  }
}
