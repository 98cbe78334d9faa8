// Where a walked value sits, for the walks that build field sets as they go (toFieldSet, compare): its
// element in the container above and, per set being built, its node there, made when the first path
// below it is marked. Each member is so inserted at its node, never from the root with its path copied
// at every level; paths are built only for error messages.

import type { FieldSet } from './fieldset.js';
import type { FieldPath, PathElement } from './path-element.js';

export interface FieldPlace {
  readonly up: FieldPlace | undefined;
  readonly key: string;
  readonly pe: PathElement | undefined;
  /** This place's node in each set being built (by the set's index), once made. */
  readonly nodes: (FieldSet | undefined)[];
}

/** The whole object: its nodes are the sets' roots. It is never a member itself. */
export function rootPlace(...sets: FieldSet[]): FieldPlace {
  return { up: undefined, key: '', pe: undefined, nodes: sets };
}

export function placeBelow(up: FieldPlace, key: string, pe: PathElement): FieldPlace {
  return { up, key, pe, nodes: [] };
}

/** The place's node in set `i`, made with those above it when missing. */
export function nodeAt(place: FieldPlace, i: number): FieldSet {
  return (place.nodes[i] ??= nodeAt(place.up!, i).childFor(place.key, place.pe!));
}

/** Makes the value at `place` a member of set `i` (the root never is). */
export function mark(place: FieldPlace, i: number): void {
  if (place.up) nodeAt(place.up, i).addMember(place.key, place.pe!);
}

export function pathTo(place: FieldPlace): FieldPath {
  const path: PathElement[] = [];
  for (let p: FieldPlace | undefined = place; p?.pe; p = p.up) path.push(p.pe);
  return path.reverse();
}
