import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuSeconds, mainThreadCpuSeconds } from './proc.js';
import { microsPer } from './hub-setup.js';

test('the main thread CPU of a process is read from its own task entry and is part of the whole', () => {
  const spin = Date.now() + 50;
  while (Date.now() < spin);
  const main = mainThreadCpuSeconds(process.pid);
  assert.ok(Number.isFinite(main) && main > 0, `main thread CPU ${main}`);
  assert.ok(main <= cpuSeconds(process.pid), 'more than the whole process');
  assert.ok(Number.isNaN(mainThreadCpuSeconds(2 ** 22 + 1)), 'a process that does not exist reads as NaN');
});

test('seconds spread over a count are given in microseconds each', () => {
  assert.equal(microsPer(0.5, 5000), 100);
  assert.ok(Number.isNaN(microsPer(1, 0)));
});
