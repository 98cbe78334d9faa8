import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingFlags, POOL_SIZE_ENV, serverFlagsToAdd, serverNodeFlags } from './node-flags.js';

test("V8's helper pool gets one thread per core below four cores; Node's default from four on", () => {
  assert.deepEqual(serverNodeFlags({}, 1), ['--v8-pool-size=1']);
  assert.deepEqual(serverNodeFlags({}, 2), ['--v8-pool-size=2']);
  assert.deepEqual(serverNodeFlags({}, 3), ['--v8-pool-size=3']);
  assert.deepEqual(serverNodeFlags({}, 4), []);
  assert.deepEqual(serverNodeFlags({}, 64), []);
});

test(`${POOL_SIZE_ENV} chooses the pool size; 0 keeps Node's default; anything else is refused, naming the variable`, () => {
  assert.deepEqual(serverNodeFlags({ [POOL_SIZE_ENV]: '3' }, 64), ['--v8-pool-size=3']);
  assert.deepEqual(serverNodeFlags({ [POOL_SIZE_ENV]: '0' }, 2), []);
  assert.deepEqual(serverNodeFlags({ [POOL_SIZE_ENV]: '' }, 2), ['--v8-pool-size=2']);
  for (const bad of ['two', '-1', '1.5']) assert.throws(() => serverNodeFlags({ [POOL_SIZE_ENV]: bad }, 2), new RegExp(`${POOL_SIZE_ENV} is "${bad.replace('.', '\\.')}": set it to a whole number`));
});

test('a flag counts as given on the command line or in NODE_OPTIONS, whatever its value or spelling', () => {
  const wanted = ['--v8-pool-size=2'];
  assert.deepEqual(missingFlags(wanted, [], undefined), wanted);
  assert.deepEqual(missingFlags(wanted, ['--v8-pool-size=4'], undefined), []);
  assert.deepEqual(missingFlags(wanted, ['--v8_pool_size=1'], undefined), []);
  assert.deepEqual(missingFlags(wanted, ['--cpu-prof'], '--max-old-space-size=4096  --v8-pool-size=3'), []);
  assert.deepEqual(missingFlags(wanted, ['--cpu-prof'], '--max-old-space-size=4096'), wanted);
});

test("a server started for the user adds the pool size unless the user's NODE_OPTIONS has one (a command-line flag would override it)", () => {
  assert.deepEqual(serverFlagsToAdd({}, 2), ['--v8-pool-size=2']);
  assert.deepEqual(serverFlagsToAdd({ NODE_OPTIONS: '--v8-pool-size=4' }, 2), []);
  assert.deepEqual(serverFlagsToAdd({ NODE_OPTIONS: '--max-old-space-size=4096' }, 2), ['--v8-pool-size=2']);
  assert.deepEqual(serverFlagsToAdd({ [POOL_SIZE_ENV]: '3', NODE_OPTIONS: '--v8-pool-size=1' }, 64), []);
  assert.deepEqual(serverFlagsToAdd({}, 8), []);
});
