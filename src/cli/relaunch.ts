// `kurator hub`, `up` and `sim` need Node options (node-flags.ts) that Node reads only when it starts.
// Started without them, kurator starts Node again with them and stays as a thin parent: it passes
// SIGINT, SIGTERM and SIGHUP on, ends as the child ends (its exit code or its signal), and the child dies
// with it if it is killed outright (the child watches an IPC channel to it) — so the pair behaves as the
// one process the user started. Node started with options of its own (the server's, or --inspect,
// --cpu-prof…) runs the command itself: whoever chose Node's options keeps the process they started.

import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { serverFlagsToAdd } from './node-flags.js';

const SERVER_COMMANDS = new Set(['hub', 'up', 'sim']);
const RELAUNCHED_ENV = 'KURATOR_RELAUNCHED';
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The options to start Node again with for this command line; none when this process runs it itself. */
export function relaunchFlags(args: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  if (env[RELAUNCHED_ENV] === '1') return [];
  const [command] = args;
  // `up --detach` starts its server itself, with the options (up-command.ts).
  if (command === undefined || !SERVER_COMMANDS.has(command) || args.some((a) => a === '--help' || a === '-h' || a === '--detach')) return [];
  if (execArgv.length > 0) return [];
  return serverFlagsToAdd(env);
}

/** Runs `script args` in a child Node with the options added; this process ends as the child does. */
export function runRelaunched(script: string, args: readonly string[], flags: readonly string[]): void {
  const child = spawn(process.execPath, [...flags, script, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [RELAUNCHED_ENV]: '1' },
  });
  // A Ctrl-C reaches the child from the terminal as well: it takes a repeated signal as one (onSignals).
  for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
  child.once('error', (err) => {
    writeSync(2, `kurator: could not start ${process.execPath}: ${err.message}\n`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    for (const forwarded of FORWARDED_SIGNALS) process.removeAllListeners(forwarded);
    process.kill(process.pid, signal);
  });
}

/** In a child this started: dies at once when the parent does (a parent killed outright passes nothing on). */
export function followParent(): void {
  if (process.env[RELAUNCHED_ENV] !== '1') return;
  // Not inherited by what the command starts in turn.
  delete process.env[RELAUNCHED_ENV];
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
