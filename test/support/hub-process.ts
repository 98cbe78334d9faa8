// Runs `kurator hub` as a child process (so SIGKILL and restarts are real) and resolves once it serves.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from '../../src/cli/node-flags.js';

export const KURATOR_BIN = fileURLToPath(new URL('../../../bin/kurator.js', import.meta.url));

export interface HubProcess {
  child: ChildProcess;
  /** The URL the hub printed ("serving at …"). */
  url: string;
  exited: Promise<number | null>;
}

/** `kurator hub --port 0 --log-level warn ARGS…`; fails with the hub's output if it exits before serving. */
export function spawnHub(args: string[]): Promise<HubProcess> {
  // With the Node options kurator would add itself (relaunch.ts): the child is the hub, so SIGKILL is a crash.
  const child = spawn(process.execPath, [...serverNodeFlags(), KURATOR_BIN, 'hub', '--port', '0', '--log-level', 'warn', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /serving at (\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url, exited });
    });
    child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-8192)));
    child.once('exit', (code) => reject(new Error(`hub exited (${code}) before serving: ${out}${err}`)));
  });
}

/** SIGTERM and wait, if it still runs. */
export async function stopHub(hub: HubProcess | undefined): Promise<void> {
  if (!hub || hub.child.exitCode !== null || hub.child.signalCode !== null) return;
  hub.child.kill('SIGTERM');
  await hub.exited;
}
