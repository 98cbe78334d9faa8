// Starts real etcd servers (/usr/bin/etcd, Debian etcd-server) for a test: one member or a cluster, each on
// free loopback ports with its own temporary data directory. Members can be killed and started again.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate } from '../../src/security/pki.js';
import { startTestHub, type TestHub } from './hub.js';

const ETCD_BIN = process.env.KURATOR_ETCD_BIN ?? '/usr/bin/etcd';

export interface EtcdMember {
  readonly name: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dataDir: string;
  /** Whether the process is running. */
  readonly running: boolean;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the member again on the same data directory and ports. */
  restart(): Promise<void>;
}

export interface EtcdCluster {
  readonly members: readonly EtcdMember[];
  /** Every member's client URL. */
  readonly endpoints: string[];
  /** The member that is the raft leader now (asked through a running member). */
  leader(): Promise<EtcdMember>;
  /** With TLS: the CA and a client certificate etcd accepts (PEM, and the files holding them). */
  readonly tls?: EtcdTestTls;
  /** Kills every member and removes the data directories. */
  stop(): Promise<void>;
}

export interface EtcdTestTls {
  ca: string;
  cert: string;
  key: string;
  caFile: string;
  certFile: string;
  keyFile: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function healthy(clientUrl: string, tls: EtcdTestTls | undefined): Promise<boolean> {
  try {
    const text = tls ? await httpsGet(`${clientUrl}/health`, tls) : await (await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(1000) })).text();
    return (JSON.parse(text) as { health?: string }).health === 'true';
  } catch {
    return false;
  }
}

function httpsGet(url: string, tls: EtcdTestTls): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: tls.ca, cert: tls.cert, key: tls.key, timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

class Member implements EtcdMember {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';

  constructor(
    readonly name: string,
    readonly clientUrl: string,
    readonly peerUrl: string,
    readonly dataDir: string,
    private readonly initialCluster: string,
    private readonly clusterToken: string,
    private readonly tls: (EtcdTestTls & { serverCertFile: string; serverKeyFile: string }) | undefined,
  ) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  launch(): void {
    const args = [
      '--name', this.name,
      '--data-dir', this.dataDir,
      '--listen-client-urls', this.clientUrl,
      '--advertise-client-urls', this.clientUrl,
      '--listen-peer-urls', this.peerUrl,
      '--initial-advertise-peer-urls', this.peerUrl,
      '--initial-cluster', this.initialCluster,
      '--initial-cluster-state', 'new',
      '--initial-cluster-token', this.clusterToken,
      // Fast elections so a lost member is noticed quickly on loopback.
      '--heartbeat-interval', '50',
      '--election-timeout', '500',
      '--logger', 'zap',
      '--log-level', 'error',
      ...(this.tls ? ['--cert-file', this.tls.serverCertFile, '--key-file', this.tls.serverKeyFile, '--client-cert-auth', '--trusted-ca-file', this.tls.caFile] : []),
    ];
    const child = spawn(ETCD_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
  }

  async waitHealthy(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await healthy(this.clientUrl, this.tls))) {
      if (!this.child) throw new Error(`etcd member ${this.name} exited before it was healthy: ${this.output}`);
      if (Date.now() > deadline) throw new Error(`etcd member ${this.name} not healthy after ${timeoutMs} ms: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.kill();
    this.launch();
    await this.waitHealthy();
  }
}

/**
 * Starts an etcd cluster of `size` members (1 by default) and waits until every member is healthy. With
 * tls, clients speak https and must present a certificate signed by the cluster's CA (--client-cert-auth).
 */
export async function startEtcd(size = 1, options: { tls?: boolean } = {}): Promise<EtcdCluster> {
  const base = await mkdtemp(join(tmpdir(), 'kurator-etcd-'));
  const scheme = options.tls ? 'https' : 'http';
  const specs = [];
  for (let i = 0; i < size; i++) {
    specs.push({ name: `m${i}`, clientUrl: `${scheme}://127.0.0.1:${await freePort()}`, peerUrl: `http://127.0.0.1:${await freePort()}`, dataDir: join(base, `m${i}`) });
  }
  const tls = options.tls ? await writeTestPki(base) : undefined;
  const initialCluster = specs.map((s) => `${s.name}=${s.peerUrl}`).join(',');
  const members = specs.map((s) => new Member(s.name, s.clientUrl, s.peerUrl, s.dataDir, initialCluster, base, tls));
  const stop = async (): Promise<void> => {
    await Promise.all(members.map((m) => m.kill()));
    await rm(base, { recursive: true, force: true });
  };
  try {
    for (const member of members) member.launch();
    await Promise.all(members.map((m) => m.waitHealthy()));
  } catch (error) {
    await stop();
    throw error;
  }
  const leader = async (): Promise<EtcdMember> => {
    for (const member of members.filter((m) => m.running)) {
      const status = await memberStatus(member.clientUrl);
      if (!status) continue;
      for (const candidate of members.filter((m) => m.running)) {
        if ((await memberStatus(candidate.clientUrl))?.memberId === status.leader) return candidate;
      }
    }
    throw new Error('no etcd member reports a leader');
  };
  return { members, endpoints: members.map((m) => m.clientUrl), leader, stop, ...(tls ? { tls } : {}) };
}

/** A CA, a serving certificate for 127.0.0.1 (usable as a client too) and a client certificate. */
async function writeTestPki(base: string): Promise<EtcdTestTls & { serverCertFile: string; serverKeyFile: string }> {
  const ca = await createCertificateAuthority('etcd-test-ca', 1);
  const server = await issueCertificate(ca, { commonName: 'etcd', hosts: ['127.0.0.1', 'localhost'], usage: 'server', validDays: 1 });
  const client = await issueCertificate(ca, { commonName: 'kurator', usage: 'client', validDays: 1 });
  const files = { caFile: join(base, 'ca.crt'), serverCertFile: join(base, 'server.crt'), serverKeyFile: join(base, 'server.key'), certFile: join(base, 'client.crt'), keyFile: join(base, 'client.key') };
  await writeFile(files.caFile, ca.certPem);
  await writeFile(files.serverCertFile, server.certPem);
  await writeFile(files.serverKeyFile, server.keyPem, { mode: 0o600 });
  await writeFile(files.certFile, client.certPem);
  await writeFile(files.keyFile, client.keyPem, { mode: 0o600 });
  return { ca: ca.certPem, cert: client.certPem, key: client.keyPem, ...files };
}

/** etcd's Maintenance.Status through its JSON gateway. */
async function memberStatus(clientUrl: string): Promise<{ memberId: string; leader: string } | undefined> {
  try {
    const res = await fetch(`${clientUrl}/v3/maintenance/status`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(1000) });
    const body = (await res.json()) as { header?: { member_id?: string }; leader?: string };
    return body.header?.member_id && body.leader ? { memberId: body.header.member_id, leader: body.leader } : undefined;
  } catch {
    return undefined;
  }
}

/** The storage backends the hub's API suites run against. */
export type Backend = 'sqlite' | 'etcd';
export const BACKENDS: readonly Backend[] = ['sqlite', 'etcd'];

/**
 * A test hub on the given backend; for etcd, on an etcd of its own that dispose() stops too. Short lease
 * timings, so a hub that follows a killed one takes over the controllers quickly.
 */
export async function startBackendHub(backend: Backend, options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  if (backend === 'sqlite') return startTestHub(options);
  const etcd = await startEtcd();
  let hub: TestHub;
  try {
    hub = await startTestHub({ leaderElection: TEST_LEADER_ELECTION, ...options, etcd: { endpoints: etcd.endpoints } });
  } catch (error) {
    await etcd.stop();
    throw error;
  }
  return {
    ...hub,
    stop: () => hub.stop(),
    async dispose() {
      await hub.dispose();
      await etcd.stop();
    },
  };
}

/** Lease timings for tests: a killed leader's Lease expires after 2 s. */
export const TEST_LEADER_ELECTION = { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 200 };
