// Which keys a list/count/watch prefix selects. Keys are paths, so a prefix selects whole path segments:
// "/a/b/" selects "/a/b/x" but never "/a/bc/x". A prefix without the trailing slash ("/a/b") selects the
// key "/a/b" itself plus everything under "/a/b/". The empty prefix selects every key.

export interface KeyRange {
  /** A key selected on its own, outside [start, end) (only for prefixes without a trailing slash). */
  readonly exact?: string;
  /** Inclusive lower bound of the directory range. */
  readonly start: string;
  /** Exclusive upper bound; undefined = unbounded. */
  readonly end?: string;
  /** The directory part, ending in "/" ("" for everything): a key is in the range when it starts with it. */
  readonly dir: string;
}

export function prefixRange(prefix: string): KeyRange {
  if (prefix === '') return { start: '', dir: '' };
  const dir = prefix.endsWith('/') ? prefix : `${prefix}/`;
  // "0" is the code unit right after "/", so [dir, end) is exactly the keys starting with dir.
  const end = `${dir.slice(0, -1)}0`;
  return dir === prefix ? { start: dir, end, dir } : { exact: prefix, start: dir, end, dir };
}

export function inRange(key: string, range: KeyRange): boolean {
  return key.startsWith(range.dir) || key === range.exact;
}
