// The Node options the long-running commands (hub, up, sim) run with. V8 keeps a pool of helper threads
// for garbage collection and background compilation; Node starts four of them whatever the machine. With
// fewer cores than that, the helpers crowd out the main thread — most of all just after start, while the
// code is still being compiled — and a garbage collection pause waits on helpers that are not running. So
// on such a machine the pool has one thread per core (the propagation benchmark's figures: README).

import { availableParallelism } from 'node:os';

/** Chooses the pool size instead (0 keeps Node's default). */
export const POOL_SIZE_ENV = 'KURATOR_V8_POOL_SIZE';
const NODE_DEFAULT_POOL_SIZE = 4;
const POOL_SIZE_FLAG = '--v8-pool-size';

export function serverNodeFlags(env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism()): string[] {
  const chosen = env[POOL_SIZE_ENV];
  if (chosen !== undefined && chosen !== '') {
    const size = Number(chosen);
    if (!Number.isInteger(size) || size < 0) {
      throw new Error(`${POOL_SIZE_ENV} is ${JSON.stringify(chosen)}: set it to a whole number of threads, or to 0 for Node's default of ${NODE_DEFAULT_POOL_SIZE}`);
    }
    return size === 0 ? [] : [`${POOL_SIZE_FLAG}=${size}`];
  }
  return cores < NODE_DEFAULT_POOL_SIZE ? [`${POOL_SIZE_FLAG}=${Math.max(1, cores)}`] : [];
}

/** The server's options that Node started with `env` (and no options on its command line) would lack. */
export function serverFlagsToAdd(env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism()): string[] {
  return missingFlags(serverNodeFlags(env, cores), [], env.NODE_OPTIONS);
}

/** The flags of `wanted` a process was not started with, on its command line or in NODE_OPTIONS. */
export function missingFlags(wanted: readonly string[], execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = new Set([...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map(flagName));
  return wanted.filter((flag) => !given.has(flagName(flag)));
}

function flagName(flag: string): string {
  return flag.split('=', 1)[0]!.replaceAll('_', '-');
}
