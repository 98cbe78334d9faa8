// The hub's certificates under <data-dir>/pki: created on first start, reused afterwards, and renewed when
// they near expiry, no longer chain to the CA, or (serving certificate) no longer cover the addresses.

import { hostname } from 'node:os';
import { join } from 'node:path';
import { readIfExists, writePrivate } from './files.js';
import { coversHosts, createCertificateAuthority, issueCertificate, signedBy, validFor, type KeyPairPem } from './pki.js';
import { ADMIN_GROUPS, ADMIN_USER, MONITORING_GROUP, MONITORING_USER } from './identities.js';

export interface HubPkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
  /** A scraper's credential: may read /metrics and health, nothing else (group system:monitoring). */
  monitoringCert: string;
  monitoringKey: string;
}

export interface HubPki {
  paths: HubPkiPaths;
  ca: KeyPairPem;
  serving: KeyPairPem;
  admin: KeyPairPem;
}

const CA_DAYS = 3650;
const LEAF_DAYS = 365;
const RENEW_MARGIN_DAYS = 30;

export function hubPkiPaths(dataDir: string): HubPkiPaths {
  const dir = join(dataDir, 'pki');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    servingCert: join(dir, 'serving.crt'),
    servingKey: join(dir, 'serving.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
    monitoringCert: join(dir, 'monitoring.crt'),
    monitoringKey: join(dir, 'monitoring.key'),
  };
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** What the serving certificate must name: the listen address, loopback, localhost (and this host's name when listening on every address). */
export function servingHosts(address: string): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1'];
  if (WILDCARD.has(address)) hosts.push(hostname());
  else if (!hosts.includes(address)) hosts.push(address);
  return hosts;
}

async function load(certPath: string, keyPath: string): Promise<KeyPairPem | undefined> {
  const [certPem, keyPem] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  return certPem && keyPem ? { certPem, keyPem } : undefined;
}

async function save(pair: KeyPairPem, certPath: string, keyPath: string): Promise<KeyPairPem> {
  await writePrivate(keyPath, pair.keyPem);
  await writePrivate(certPath, pair.certPem);
  return pair;
}

/** Loads the CA, creating it when missing. */
export async function ensureCertificateAuthority(paths: HubPkiPaths): Promise<KeyPairPem> {
  const existing = await load(paths.caCert, paths.caKey);
  if (existing && validFor(existing.certPem, RENEW_MARGIN_DAYS)) return existing;
  if (existing) throw new Error(`the hub CA ${paths.caCert} expires within ${RENEW_MARGIN_DAYS} days; move ${paths.dir} away to create a new one (every issued credential must then be reissued)`);
  return save(await createCertificateAuthority('kurator-ca', CA_DAYS), paths.caCert, paths.caKey);
}

function usable(pair: KeyPairPem | undefined, ca: KeyPairPem): pair is KeyPairPem {
  return pair !== undefined && signedBy(pair.certPem, ca.certPem) && validFor(pair.certPem, RENEW_MARGIN_DAYS);
}

export async function ensureHubPki(dataDir: string, address: string): Promise<HubPki> {
  const paths = hubPkiPaths(dataDir);
  const ca = await ensureCertificateAuthority(paths);
  const hosts = servingHosts(address);
  let serving = await load(paths.servingCert, paths.servingKey);
  if (!usable(serving, ca) || !coversHosts(serving.certPem, hosts)) {
    serving = await save(await issueCertificate(ca, { commonName: 'kurator-hub', hosts, usage: 'server', validDays: LEAF_DAYS }), paths.servingCert, paths.servingKey);
  }
  const admin = await ensureClientCertificate(ca, paths.adminCert, paths.adminKey, ADMIN_USER, ADMIN_GROUPS);
  await ensureClientCertificate(ca, paths.monitoringCert, paths.monitoringKey, MONITORING_USER, [MONITORING_GROUP]);
  return { paths, ca, serving, admin };
}

async function ensureClientCertificate(ca: KeyPairPem, certPath: string, keyPath: string, user: string, groups: string[]): Promise<KeyPairPem> {
  const existing = await load(certPath, keyPath);
  if (usable(existing, ca)) return existing;
  return save(await issueCertificate(ca, { commonName: user, organizations: groups, usage: 'client', validDays: LEAF_DAYS }), certPath, keyPath);
}
