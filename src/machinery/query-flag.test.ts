import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryFlag } from './query-flag.js';

test('a boolean query parameter is unset when absent, false for 0 and false in any case, true otherwise', () => {
  const flag = (query: string) => queryFlag(new URLSearchParams(query), 'watch');
  assert.equal(flag(''), undefined);
  assert.equal(flag('other=1'), undefined);
  for (const no of ['watch=0', 'watch=false', 'watch=False', 'watch=FALSE']) assert.equal(flag(no), false, no);
  for (const yes of ['watch=1', 'watch=true', 'watch=True', 'watch=yes', 'watch=', 'watch', 'watch=constructor', 'watch=00']) assert.equal(flag(yes), true, yes);
  assert.equal(flag('watch=0&watch=1'), false, 'the first value counts');
});
