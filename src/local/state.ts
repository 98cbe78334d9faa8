// What a running local fleet records in its data directory so `kurator down` (and a second `kurator up`)
// can find it: DIR/up.json.

import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FleetState {
  pid: number;
  hubUrl: string;
  hubKubeconfig: string;
  simulatorUrl: string;
  clusters: { name: string; kubeconfig: string }[];
  prometheusUrl?: string;
  prometheusPid?: number;
  startedAt: string;
}

export function statePath(dataDir: string): string {
  return join(dataDir, 'up.json');
}

export async function readState(dataDir: string): Promise<FleetState | undefined> {
  try {
    return JSON.parse(await readFile(statePath(dataDir), 'utf8')) as FleetState;
  } catch {
    return undefined;
  }
}

export async function writeState(dataDir: string, state: FleetState): Promise<void> {
  await writeFile(statePath(dataDir), `${JSON.stringify(state, null, 2)}\n`);
}

export async function removeState(dataDir: string): Promise<void> {
  await rm(statePath(dataDir), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
