import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ControllerEnv } from './env.js';
import { setupControllers } from './index.js';

test('an unknown controller name is refused with the names there are, whatever the name', () => {
  for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
    assert.throws(
      () => setupControllers({} as ControllerEnv, [name]),
      (error: unknown) => error instanceof Error && error.message === `unknown controller ${JSON.stringify(name)}; known: cluster, fleet, propagation`,
      name,
    );
  }
});
