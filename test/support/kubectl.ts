// Runs the real kubectl against a kubeconfig, with its own cache directory so tests never share
// discovery caches.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './wait.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Kubectl {
  (args: string[], input?: string): Promise<KubectlResult>;
  /** Runs and fails the test with kubectl's own output when it exits non-zero. */
  ok(args: string[], input?: string): Promise<string>;
  /** Starts a long-running kubectl (get -w) and collects its output. */
  spawn(args: string[]): { child: ChildProcess; output: () => string; waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<string> };
}

export function kubectlFor(kubeconfig: string): Kubectl {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: cacheDir };
  const base = ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir];
  const run = ((args: string[], input?: string) =>
    new Promise<KubectlResult>((resolve) => {
      const child = execFile('kubectl', [...base, ...args], { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      if (input !== undefined) child.stdin?.end(input);
      else child.stdin?.end();
    })) as Kubectl;
  run.ok = async (args, input) => {
    const result = await run(args, input);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
    return result.stdout;
  };
  run.spawn = (args) => {
    const child = spawn('kubectl', [...base, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const waitFor = async (text: string | RegExp, timeoutMs = 15_000): Promise<string> => {
      const seen = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      try {
        await eventually(`${String(text)} in kubectl output`, seen, { timeoutMs, intervalMs: 25 });
      } catch {
        throw new Error(`timed out waiting for ${String(text)} in kubectl output:\n${output}`);
      }
      return output;
    };
    return { child, output: () => output, waitFor };
  };
  return run;
}
