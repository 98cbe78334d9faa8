// Runs a real Prometheus (Debian package `prometheus`) beside a local fleet, scraping the simulator and
// the hub with a generated configuration.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { findExecutable } from './executables.js';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
  metricsPath?: string;
  scheme?: 'http' | 'https';
  /** CA to verify the target with and the client certificate to present (PEM files). */
  tls?: { caFile: string; certFile: string; keyFile: string };
}

export interface PrometheusOptions {
  dataDir: string;
  port: number;
  targets: ScrapeTarget[];
  scrapeIntervalSeconds?: number;
  binary?: string;
}

export interface RunningPrometheus {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const PROMETHEUS_INSTALL_HINT = 'sudo apt-get install -y prometheus';

export function prometheusConfig(targets: ScrapeTarget[], scrapeIntervalSeconds: number): string {
  return stringify({
    global: { scrape_interval: `${scrapeIntervalSeconds}s`, evaluation_interval: `${scrapeIntervalSeconds}s` },
    scrape_configs: targets.map((t) => ({
      job_name: t.job,
      metrics_path: t.metricsPath ?? '/metrics',
      scheme: t.scheme ?? 'http',
      // Series carry their own `cluster` label; keep it rather than renaming it exported_cluster.
      honor_labels: true,
      static_configs: [{ targets: [t.address] }],
      ...(t.tls ? { tls_config: { ca_file: t.tls.caFile, cert_file: t.tls.certFile, key_file: t.tls.keyFile } } : {}),
    })),
  });
}

export async function findPrometheus(): Promise<string | undefined> {
  return findExecutable('prometheus');
}

export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const binary = options.binary ?? (await findPrometheus());
  if (!binary) throw new Error(`prometheus is not installed; install it with: ${PROMETHEUS_INSTALL_HINT}`);
  await mkdir(join(options.dataDir, 'data'), { recursive: true });
  const configPath = join(options.dataDir, 'prometheus.yml');
  await writeFile(configPath, prometheusConfig(options.targets, options.scrapeIntervalSeconds ?? 5));
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    binary,
    [`--config.file=${configPath}`, `--storage.tsdb.path=${join(options.dataDir, 'data')}`, `--web.listen-address=127.0.0.1:${options.port}`, '--storage.tsdb.retention.time=1d', '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok).catch(() => false);
    if (ready) break;
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}) before it was ready: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus was not ready within 30 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
