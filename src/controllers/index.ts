// The hub's controllers by name, so each can be switched on or off (`--controllers`).

import { ownValue } from '../machinery/object.js';
import type { ControllerEnv } from './env.js';
import { setupClusterController } from './cluster/controller.js';
import { setupFleetController } from './fleet/controller.js';
import { setupPropagation } from './propagation/setup.js';

export type SetupFn = (env: ControllerEnv) => void;

export const controllerSetups: Record<string, SetupFn> = {
  cluster: setupClusterController,
  fleet: setupFleetController,
  propagation: setupPropagation,
};

/** Registers the named controllers (all by default) with the env's manager; the caller starts it. */
export function setupControllers(env: ControllerEnv, names: readonly string[] = Object.keys(controllerSetups)): void {
  for (const name of names) {
    const setup = ownValue(controllerSetups, name);
    if (!setup) throw new Error(`unknown controller ${JSON.stringify(name)}; known: ${Object.keys(controllerSetups).join(', ')}`);
    setup(env);
  }
}
