import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tinyProfile } from './lib/cpu-profile.fixture.js';
import { summarizeProfile } from './profile-summary.js';

test('a profile summary gives self and inclusive shares of all samples, idle included', () => {
  const summary = summarizeProfile(tinyProfile(), 3);
  assert.equal(summary.samples, 11);
  assert.deepEqual(summary.selfByFunction, [
    { name: '(idle)', percent: 36.4 },
    { name: 'a dist/src/a.js:10', percent: 27.3 },
    { name: 'main dist/src/main.js:1', percent: 9.1 },
  ]);
  assert.deepEqual(summary.selfByFile.slice(0, 2), [
    { name: '((idle))', percent: 36.4 },
    { name: 'dist/src/a.js', percent: 27.3 },
  ]);
  assert.deepEqual(summary.inclusiveByFunction, [
    { name: '(root)', percent: 100 },
    { name: 'main dist/src/main.js:1', percent: 45.5 },
    { name: '(idle)', percent: 36.4 },
  ]);
});
