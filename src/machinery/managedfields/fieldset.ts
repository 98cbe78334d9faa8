// A set of field paths stored as a trie, mirroring structured-merge-diff's fieldpath.Set: at each
// node, `members` are the path elements that end here and `children` the ones that lead further.
// A path can be both (a map that is owned itself and has owned entries). Set operations never modify
// their operands; their results share unchanged nodes with them (and are an operand itself when nothing
// changed), so a set is immutable once built: insert() is only for building a new set. A set read from
// a stored object's FieldsV1 may be deferred: each node is read when first looked at, so a write that
// touches only part of an object (a status write) never reads the rest of its owners' sets.

import { byPathElement, serializePathElement, type FieldPath, type PathElement } from './path-element.js';
import { sortSmall } from '../sort-small.js';

interface Child {
  readonly pe: PathElement;
  readonly set: FieldSet;
}

export class FieldSet {
  private readonly ownMembers = new Map<string, PathElement>();
  private readonly ownChildren = new Map<string, Child>();
  /** Fills this node (not the ones below) the first time it is looked at; see deferred(). */
  private pending: ((node: FieldSet) => void) | undefined;

  /**
   * A set whose top node `fill` builds (with addMember, childFor and addChild) the first time the set
   * is looked at. `fill` may throw: then every look at the set throws the same way.
   */
  static deferred(fill: (node: FieldSet) => void): FieldSet {
    const s = new FieldSet();
    s.pending = fill;
    return s;
  }

  private get members(): Map<string, PathElement> {
    if (this.pending) this.fill();
    return this.ownMembers;
  }

  private get children(): Map<string, Child> {
    if (this.pending) this.fill();
    return this.ownChildren;
  }

  private fill(): void {
    const fill = this.pending!;
    // Cleared first: fill() builds through the accessors above.
    this.pending = undefined;
    try {
      fill(this);
    } catch (err) {
      this.ownMembers.clear();
      this.ownChildren.clear();
      this.pending = fill;
      throw err;
    }
  }

  static of(...paths: FieldPath[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path. Its parents are not added. The empty path (the whole object) is never tracked. */
  insert(path: FieldPath): void {
    this.insertKeyed(path, path.map(serializePathElement));
  }

  /** insert() given each element's serialized form too (keys[i] for path[i]): nothing is serialized again. */
  insertKeyed(path: FieldPath, keys: readonly string[]): void {
    if (path.length === 0) return;
    let node: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) node = node.childFor(keys[i]!, path[i]!);
    node.members.set(keys[path.length - 1]!, path[path.length - 1]!);
  }

  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    let node: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && node; i++) node = node.children.get(serializePathElement(path[i]!))?.set;
    return node !== undefined && node.members.has(serializePathElement(path[path.length - 1]!));
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(serializePathElement(pe));
  }

  /** hasMember() by the element's serialized form. */
  hasMemberKeyed(key: string): boolean {
    return this.members.has(key);
  }

  /** The node below the element serialized as `key` (undefined when there is none). A view: do not mutate. */
  childKeyed(key: string): FieldSet | undefined {
    return this.children.get(key)?.set;
  }

  /** The paths below `pe`, with `pe` itself stripped (empty when there are none). A view: do not mutate. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(serializePathElement(pe))?.set ?? new FieldSet();
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  /** Number of member paths. */
  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.set.size();
    return n;
  }

  union(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const out = this.shallowCopy();
    for (const [k, pe] of other.members) out.members.set(k, pe);
    for (const [k, c] of other.children) {
      const mine = out.children.get(k);
      out.children.set(k, mine ? { pe: c.pe, set: mine.set.union(c.set) } : c);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (other.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = other.children.get(k);
      if (!theirs) continue;
      const i = c.set.intersection(theirs.set);
      if (!i.isEmpty()) out.children.set(k, { pe: c.pe, set: i });
    }
    return out;
  }

  /** Removes exactly the paths of `other`; a member of `other` does not remove paths below it. */
  difference(other: FieldSet): FieldSet {
    return this.without(other, false);
  }

  /** Like difference, but a member of `other` also removes every path below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    return this.without(other, true);
  }

  private without(other: FieldSet, recursive: boolean): FieldSet {
    if (other.members.size === 0 && other.children.size === 0) return this;
    const out = new FieldSet();
    let changed = false;
    for (const [k, pe] of this.members) {
      if (other.members.has(k)) changed = true;
      else out.members.set(k, pe);
    }
    for (const [k, c] of this.children) {
      if (recursive && other.members.has(k)) {
        changed = true;
        continue;
      }
      const theirs = other.children.get(k);
      const d = theirs ? c.set.without(theirs.set, recursive) : c.set;
      if (d !== c.set) changed = true;
      if (d === c.set) out.children.set(k, c);
      else if (!d.isEmpty()) out.children.set(k, { pe: c.pe, set: d });
    }
    return changed ? out : this;
  }

  /** True when every path of `other` is a path of this set too. */
  includes(other: FieldSet): boolean {
    for (const k of other.members.keys()) if (!this.members.has(k)) return false;
    for (const [k, c] of other.children) {
      const mine = this.children.get(k);
      if (mine ? !mine.set.includes(c.set) : !c.set.isEmpty()) return false;
    }
    return true;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).isEmpty() && other.difference(this).isEmpty();
  }

  /**
   * This node's elements in upstream order, each with its serialized form (its FieldsV1 key), whether
   * it is a member and what lies below.
   */
  entries(): { key: string; pe: PathElement; member: boolean; child: FieldSet | undefined }[] {
    // Members, then children that are not also members: no merged key set built per node (this runs
    // for every node of every set encoded), and most nodes have one entry, which needs no sort.
    const out: { key: string; pe: PathElement; member: boolean; child: FieldSet | undefined }[] = [];
    for (const [key, pe] of this.members) {
      const child = this.children.get(key);
      out.push({ key, pe, member: true, child: child && !child.set.isEmpty() ? child.set : undefined });
    }
    for (const [key, child] of this.children) {
      if (this.members.has(key) || child.set.isEmpty()) continue;
      out.push({ key, pe: child.pe, member: false, child: child.set });
    }
    return out.length > 1 ? sortSmall(out, byPathElement) : out;
  }

  /**
   * For building a new set from a trie (decoding FieldsV1): makes `pe`, whose serialized form is
   * `key`, a member here. Like insert(), never for a set already handed out.
   */
  addMember(key: string, pe: PathElement): void {
    this.members.set(key, pe);
  }

  /** For building (see addMember): `set` becomes the node below `pe` (serialized as `key`). */
  addChild(key: string, pe: PathElement, set: FieldSet): void {
    this.children.set(key, { pe, set });
  }

  /** For building (see addMember): the node below `pe` (serialized as `key`), created when missing. */
  childFor(key: string, pe: PathElement): FieldSet {
    let c = this.children.get(key);
    if (!c) {
      c = { pe, set: new FieldSet() };
      this.children.set(key, c);
    }
    return c.set;
  }

  /** Every member path, members of a node before the paths below it (upstream's iteration order). */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    this.collect([], out);
    return out;
  }

  toString(): string {
    return this.paths()
      .map((p) => p.map((pe) => serializePathElement(pe)).join('/'))
      .join('\n');
  }

  private shallowCopy(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, c] of this.children) out.children.set(k, c);
    return out;
  }

  private collect(prefix: FieldPath, out: FieldPath[]): void {
    const sorted = this.entries();
    for (const e of sorted) if (e.member) out.push([...prefix, e.pe]);
    for (const e of sorted) if (e.child) e.child.collect([...prefix, e.pe], out);
  }
}
