import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateWebsterSeats, fnv32a, tieBreakOrder, type NameOrder } from './webster.js';

const wikipedia = { PartyA: 100000, PartyB: 80000, PartyC: 30000, PartyD: 20000 };

interface Case {
  name: string;
  seats: number;
  votes: Record<string, number>;
  initial?: Record<string, number>;
  order?: NameOrder;
  want: Record<string, number>;
}

// Sainte-Laguë rounds from the Wikipedia example and the tie cases of Karmada's pkg/util/helper/webstermethod_test.go.
const cases: Case[] = [
  { name: 'classic example, round 1', seats: 1, votes: wikipedia, want: { PartyA: 1, PartyB: 0, PartyC: 0, PartyD: 0 } },
  { name: 'classic example, round 2', seats: 2, votes: wikipedia, want: { PartyA: 1, PartyB: 1, PartyC: 0, PartyD: 0 } },
  { name: 'classic example, round 3', seats: 3, votes: wikipedia, want: { PartyA: 2, PartyB: 1, PartyC: 0, PartyD: 0 } },
  { name: 'classic example, round 4', seats: 4, votes: wikipedia, want: { PartyA: 2, PartyB: 1, PartyC: 1, PartyD: 0 } },
  { name: 'classic example, round 5', seats: 5, votes: wikipedia, want: { PartyA: 2, PartyB: 2, PartyC: 1, PartyD: 0 } },
  // Round 6 is an exact tie (A 100000/5 = D 20000/1); the party with fewer seats wins it.
  { name: 'classic example, round 6', seats: 6, votes: wikipedia, want: { PartyA: 2, PartyB: 2, PartyC: 1, PartyD: 1 } },
  { name: 'classic example, round 7', seats: 7, votes: wikipedia, want: { PartyA: 3, PartyB: 2, PartyC: 1, PartyD: 1 } },
  { name: 'classic example, round 8', seats: 8, votes: wikipedia, want: { PartyA: 3, PartyB: 3, PartyC: 1, PartyD: 1 } },
  { name: 'example, 4 seats for 1200:900:400', seats: 4, votes: { Alpha: 1200, Beta: 900, Gamma: 400 }, want: { Alpha: 2, Beta: 1, Gamma: 1 } },
  { name: 'no parties, no result', seats: 1, votes: {}, want: {} },
  { name: 'no seats, everyone at 0', seats: 0, votes: { PartyA: 100, PartyB: 200 }, want: { PartyA: 0, PartyB: 0 } },
  { name: 'tie broken by votes', seats: 1, votes: { PartyA: 1, PartyB: 2 }, want: { PartyA: 0, PartyB: 1 } },
  {
    name: 'equal priority 3/3 and 1/1, fewer seats wins',
    seats: 1,
    votes: { PartyA: 3, PartyB: 1 },
    initial: { PartyA: 1, PartyB: 0 },
    want: { PartyA: 1, PartyB: 1 },
  },
  {
    name: 'tie broken by fewer seats',
    seats: 1,
    votes: { PartyA: 0, PartyB: 0 },
    initial: { PartyA: 2, PartyB: 1 },
    want: { PartyA: 2, PartyB: 2 },
  },
  { name: 'tie broken by name, ascending', seats: 1, votes: { PartyA: 1, PartyB: 1 }, order: 'ascending', want: { PartyA: 1, PartyB: 0 } },
  { name: 'tie broken by name, descending', seats: 1, votes: { PartyA: 1, PartyB: 1 }, order: 'descending', want: { PartyA: 0, PartyB: 1 } },
  {
    name: 'new parties take the new seats from an old party without votes',
    seats: 2,
    votes: { NewParty1: 1, NewParty2: 1 },
    initial: { OldParty: 0 },
    want: { NewParty1: 1, NewParty2: 1, OldParty: 0 },
  },
  {
    name: 'old seats count towards priority',
    seats: 2,
    votes: { OldParty: 1, NewParty: 1 },
    initial: { OldParty: 1 },
    want: { NewParty: 2, OldParty: 1 },
  },
  {
    name: 'a party with initial seats but no votes keeps them and gets no more',
    seats: 2,
    votes: { PartyA: 100 },
    initial: { PartyB: 3 },
    want: { PartyA: 2, PartyB: 3 },
  },
];

for (const c of cases) {
  test(`webster: ${c.name}`, () => {
    const parties = allocateWebsterSeats(c.seats, c.votes, c.initial, c.order);
    assert.deepEqual(Object.fromEntries(parties.map((p) => [p.name, p.seats])), c.want);
    assert.deepEqual(
      parties.map((p) => p.name),
      Object.keys(c.want).sort(),
      'parties come back sorted by name',
    );
  });
}

test('webster: results never shrink as seats grow (house monotonicity)', () => {
  const votes = { southcentralus: 170, westus: 110, eastus2: 60 };
  let before: Record<string, number> = { southcentralus: 0, westus: 0, eastus2: 0 };
  for (let seats = 1; seats <= 40; seats++) {
    const now = Object.fromEntries(allocateWebsterSeats(seats, votes).map((p) => [p.name, p.seats]));
    for (const name of Object.keys(votes)) assert.ok(now[name] >= before[name], `${name} shrank at ${seats} seats`);
    before = now;
  }
});

test('fnv32a matches the FNV-1a 32-bit reference values', () => {
  assert.equal(fnv32a(''), 0x811c9dc5);
  assert.equal(fnv32a('a'), 0xe40c292c);
  assert.equal(fnv32a('foobar'), 0xbf9cf968);
});

test('tie-break order follows the parity of fnv32a(key)', () => {
  assert.equal(tieBreakOrder('a'), 'ascending'); // 0xe40c292c is even
  assert.equal(tieBreakOrder('b'), 'descending'); // 0xe70c2de5 is odd
  assert.equal(tieBreakOrder('a'), tieBreakOrder('a'));
});
