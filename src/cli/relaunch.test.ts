import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POOL_SIZE_ENV } from './node-flags.js';
import { relaunchFlags } from './relaunch.js';

const env = { [POOL_SIZE_ENV]: '2' };

test('the long-running commands start Node again with the options this process lacks', () => {
  for (const command of ['hub', 'up', 'sim']) assert.deepEqual(relaunchFlags([command, '--port', '0'], [], env), ['--v8-pool-size=2'], command);
  assert.deepEqual(relaunchFlags(['hub'], ['--v8-pool-size=2'], env), []);
  assert.deepEqual(relaunchFlags(['hub'], [], { ...env, NODE_OPTIONS: '--v8-pool-size=1' }), []);
  assert.deepEqual(relaunchFlags(['hub'], [], { [POOL_SIZE_ENV]: '0' }), []);
});

test('no second start for short commands, help, a detaching up (it starts its server itself) or a child already started again', () => {
  assert.deepEqual(relaunchFlags(['join', 'member', '--kubeconfig', 'k'], [], env), []);
  assert.deepEqual(relaunchFlags([], [], env), []);
  assert.deepEqual(relaunchFlags(['hub', '--help'], [], env), []);
  assert.deepEqual(relaunchFlags(['up', '--detach'], [], env), []);
  assert.deepEqual(relaunchFlags(['hub'], [], { ...env, KURATOR_RELAUNCHED: '1' }), []);
});

test('Node started with options of its own (a debugger, a profiler) runs the command itself', () => {
  assert.deepEqual(relaunchFlags(['hub'], ['--inspect'], env), []);
  assert.deepEqual(relaunchFlags(['up'], ['--cpu-prof', '--cpu-prof-dir', 'profiles'], env), []);
});
