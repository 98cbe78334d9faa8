// What durable storage does to values on their way to disk and back: the hook for encryption at rest.
// The in-memory state always holds plain values; only what a backend persists (the SQLite log, etcd)
// goes through a transformer.

export interface ValueTransformer {
  /** The form of `value` (the object's JSON) written to durable storage under `key`. */
  toStorage(key: string, value: string): string;
  /** The object's JSON back from its stored form; throws when it cannot be read (e.g. a key that is gone). */
  fromStorage(key: string, stored: string): string;
}

/** Stores values as they are. */
export const IDENTITY_TRANSFORMER: ValueTransformer = {
  toStorage: (_key, value) => value,
  fromStorage: (_key, stored) => stored,
};
