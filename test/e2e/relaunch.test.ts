// kurator hub started without the Node options it needs (node-flags.ts) starts Node again with them and
// stays as a thin parent: the pair stops, exits and dies as the one process the user started.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KURATOR_BIN } from '../support/hub-process.js';
import { eventually } from '../support/wait.js';

interface Started {
  launcher: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startHub(dataDir: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const launcher = spawn(process.execPath, [KURATOR_BIN, 'hub', '--port', '0', '--insecure-http', '--log-level', 'warn', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => launcher.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let out = '';
    launcher.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /serving at (\S+)/.exec(out)?.[1];
      if (url) resolve({ launcher, url, exited });
    });
    launcher.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    launcher.once('exit', (code) => reject(new Error(`kurator hub exited (${code}) before serving: ${out}`)));
  });
}

/** Live processes whose parent is `pid` (a zombie counts as gone). */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[1]) === pid) found.push(Number(entry));
  }
  return found;
}

async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function commandLine(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
}

async function withDataDir(body: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kurator-relaunch-'));
  try {
    await body(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

test('the hub runs in a child with the pool size; SIGTERM to the parent stops both, exit code 0', async () => {
  await withDataDir(async (dataDir) => {
    const hub = await startHub(dataDir, { KURATOR_V8_POOL_SIZE: '2' });
    const [child] = await childrenOf(hub.launcher.pid!);
    assert.ok(child, 'the parent has started a child');
    assert.ok((await commandLine(child)).includes('--v8-pool-size=2'), `child command line: ${(await commandLine(child)).join(' ')}`);
    assert.equal((await fetch(`${hub.url}/readyz`)).status, 200);
    hub.launcher.kill('SIGTERM');
    assert.deepEqual(await hub.exited, { code: 0, signal: null });
    assert.equal(await isRunning(child), false);
  });
});

test("a Ctrl-C, which reaches parent and child alike, stops the hub cleanly (exit code 0)", async () => {
  await withDataDir(async (dataDir) => {
    const hub = await startHub(dataDir, { KURATOR_V8_POOL_SIZE: '2' });
    const [child] = await childrenOf(hub.launcher.pid!);
    assert.ok(child);
    process.kill(child, 'SIGINT');
    hub.launcher.kill('SIGINT');
    assert.deepEqual(await hub.exited, { code: 0, signal: null });
  });
});

test('the parent killed outright takes the hub with it', async () => {
  await withDataDir(async (dataDir) => {
    const hub = await startHub(dataDir, { KURATOR_V8_POOL_SIZE: '2' });
    const [child] = await childrenOf(hub.launcher.pid!);
    assert.ok(child);
    hub.launcher.kill('SIGKILL');
    await eventually('the hub to be gone after its parent was killed', async () => !(await isRunning(child)), { timeoutMs: 10_000 });
  });
});

test('started with the option (or told to keep Node\'s default), the hub runs in the process started', async () => {
  await withDataDir(async (dataDir) => {
    const hub = await startHub(dataDir, { KURATOR_V8_POOL_SIZE: '0' });
    assert.deepEqual(await childrenOf(hub.launcher.pid!), []);
    assert.equal((await fetch(`${hub.url}/readyz`)).status, 200);
    hub.launcher.kill('SIGTERM');
    assert.deepEqual(await hub.exited, { code: 0, signal: null });
  });
});

test('a pool size that is not a whole number is refused, naming the variable', async () => {
  const run = spawn(process.execPath, [KURATOR_BIN, 'hub'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KURATOR_V8_POOL_SIZE: 'many' } });
  let err = '';
  run.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise((resolve) => run.once('exit', resolve));
  assert.equal(code, 2);
  assert.match(err, /^kurator: KURATOR_V8_POOL_SIZE is "many": set it to a whole number of threads, or to 0 for Node's default of 4\n$/);
});
