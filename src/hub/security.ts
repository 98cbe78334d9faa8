// How the hub secures its API: TLS (its own CA and serving certificate, or files the user brings), the
// authenticators (client certificates, a token file, ServiceAccount tokens), authorization, audit, and
// the admin kubeconfig. --insecure-http instead serves plain HTTP on loopback with every request treated
// as an administrator, the way kube-apiserver's old insecure port did.

import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ApiServerOptions, TlsServing } from '../apiserver/api-server.js';
import { Auditor } from '../apiserver/auth/audit.js';
import { METADATA_FOR_ALL, parseAuditPolicy } from '../apiserver/auth/audit-policy.js';
import { bearerTokenAuthenticator, bearerTokenReviewer, type TokenAuthenticator } from '../apiserver/auth/authn/bearer-token.js';
import { clientCertificateAuthenticator } from '../apiserver/auth/authn/client-certificate.js';
import { serviceAccountTokenAuthenticator } from '../apiserver/auth/authn/service-account-token.js';
import { staticTokenAuthenticator } from '../apiserver/auth/authn/static-token.js';
import { fixedAuthenticator, unionAuthenticator } from '../apiserver/auth/authn/union.js';
import { storedObject } from '../apiserver/auth/stored-object.js';
import type { Authorizer } from '../apiserver/auth/types.js';
import { createRbacAuthorizer } from '../apiserver/auth/rbac/index.js';
import { DEFAULT_MAX_BODY_BYTES } from '../apiserver/http/body.js';
import type { ClusterContext } from '../apiserver/rest/cluster-context.js';
import { openAuditFile, type AuditFile } from '../security/audit-file.js';
import { ensureHubPki, hubPkiPaths, type HubPkiPaths } from '../security/hub-pki.js';
import { UNSECURED_USER } from '../security/identities.js';
import { ensureServiceAccountKey, ServiceAccountTokens } from '../security/service-account-tokens.js';
import { parseTokenFile } from '../security/token-file.js';
import { kubeconfigYaml } from './kubeconfig.js';

export interface HubSecurityOptions {
  /** Plain HTTP without authentication, allowed only on a loopback address. */
  insecureHttp?: boolean;
  /** Serving certificate and key files to use instead of the generated ones. */
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  /** PEM bundle of CAs whose client certificates authenticate (the hub CA is always trusted as well). */
  clientCaFile?: string;
  /** kube-apiserver's --token-auth-file format. */
  tokenAuthFile?: string;
  auditLogPath?: string;
  /** audit.k8s.io/v1 Policy; without it every request is logged at Metadata. */
  auditPolicyFile?: string;
  /** PEM private key (EC P-256 or RSA) ServiceAccount tokens are signed with; default: generated in the data dir. Hubs sharing one etcd need the same key. */
  serviceAccountSigningKeyFile?: string;
  /** The authorizer of each logical cluster (default: RBAC from the cluster's own Roles and bindings). */
  authorization?: (cluster: ClusterContext) => Authorizer;
}

export interface HubSecurity {
  /** What the API server needs: authenticator, authorization, auditor, ServiceAccount tokens. */
  server: Pick<ApiServerOptions, 'authenticator' | 'authorization' | 'auditor' | 'serviceAccountTokens' | 'tokenReviewer'>;
  /** TLS to listen with; undefined for --insecure-http. */
  tls: TlsServing | undefined;
  scheme: 'https' | 'http';
  /** Where the hub's certificates are (undefined for --insecure-http). */
  pki: HubPkiPaths | undefined;
  /** The admin kubeconfig for the hub at `url`. */
  adminKubeconfig(url: string): string;
  close(): Promise<void>;
}

/** How clients reach an address the hub listens on (a wildcard address through loopback), bracketed for URLs. */
export function clientHost(address: string): string {
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return host.includes(':') ? `[${host}]` : host;
}

const LOOPBACK_NAMES = new Set(['localhost', '::1']);

export function isLoopback(address: string): boolean {
  if (LOOPBACK_NAMES.has(address)) return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

async function readNamed(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function loadSigningKey(path: string): Promise<KeyObject> {
  const pem = await readNamed(path, '--service-account-signing-key-file');
  try {
    return createPrivateKey(pem);
  } catch {
    throw new Error(`--service-account-signing-key-file ${path} holds no PEM private key`);
  }
}

/**
 * @param rootCluster the hub's root logical cluster once it exists (ServiceAccount tokens are checked
 *   against the ServiceAccounts stored there)
 */
export async function prepareHubSecurity(dataDir: string, address: string, log: Logger, options: HubSecurityOptions, rootCluster: () => ClusterContext | undefined): Promise<HubSecurity> {
  const policy = options.auditPolicyFile ? parseAuditPolicy(await readNamed(options.auditPolicyFile, '--audit-policy-file'), options.auditPolicyFile) : METADATA_FOR_ALL;
  const auditFile = options.auditLogPath ? openAuditFile(options.auditLogPath, (err) => log.error({ err }, 'cannot write the audit log')) : undefined;
  const auditor = auditFile ? new Auditor(policy, auditFile, DEFAULT_MAX_BODY_BYTES) : undefined;
  const close = async (): Promise<void> => auditFile?.close();
  const signingKey = options.serviceAccountSigningKeyFile
    ? await loadSigningKey(options.serviceAccountSigningKeyFile)
    : await ensureServiceAccountKey(join(hubPkiPaths(dataDir).dir, 'service-account.key'));
  const tokens = new ServiceAccountTokens(signingKey);
  const authorization = options.authorization ?? createRbacAuthorizer;
  const common = { authorization, serviceAccountTokens: tokens, ...(auditor ? { auditor } : {}) };

  if (options.insecureHttp) {
    if (!isLoopback(address)) {
      await close();
      throw new Error(`--insecure-http serves without TLS or authentication, so it is allowed only on a loopback address (127.0.0.1, ::1 or localhost), not ${address}; drop --insecure-http to serve HTTPS`);
    }
    log.warn({ address }, 'INSECURE: serving plain HTTP without TLS or authentication; every request acts as an administrator (system:masters). Use this only for local debugging.');
    return {
      server: { authenticator: fixedAuthenticator(UNSECURED_USER), ...common },
      tls: undefined,
      scheme: 'http',
      pki: undefined,
      adminKubeconfig: (url) => kubeconfigYaml({ server: url, clusterName: 'kurator-hub' }),
      close,
    };
  }

  if ((options.tlsCertFile === undefined) !== (options.tlsPrivateKeyFile === undefined)) {
    await close();
    throw new Error('--tls-cert-file and --tls-private-key-file go together: pass both, or neither to use the certificate the hub generates');
  }
  const pki = await ensureHubPki(dataDir, address);
  const ownServing = options.tlsCertFile === undefined;
  const cert = ownServing ? pki.serving.certPem : await readNamed(options.tlsCertFile!, '--tls-cert-file');
  const key = ownServing ? pki.serving.keyPem : await readNamed(options.tlsPrivateKeyFile!, '--tls-private-key-file');
  const clientCa = options.clientCaFile ? `${await readNamed(options.clientCaFile, '--client-ca-file')}\n${pki.ca.certPem}` : pki.ca.certPem;

  const tokenAuthenticators: TokenAuthenticator[] = [];
  if (options.tokenAuthFile) tokenAuthenticators.push(staticTokenAuthenticator(parseTokenFile(await readNamed(options.tokenAuthFile, '--token-auth-file'), options.tokenAuthFile)));
  tokenAuthenticators.push(
    serviceAccountTokenAuthenticator(tokens, (kind, namespace, name) => {
      const cluster = rootCluster();
      const resource = kind === 'ServiceAccount' ? 'serviceaccounts' : kind === 'Pod' ? 'pods' : 'secrets';
      return cluster ? storedObject(cluster, '', 'v1', resource, namespace, name)?.metadata.uid : undefined;
    }),
  );
  const authenticator = unionAuthenticator([clientCertificateAuthenticator(), bearerTokenAuthenticator(tokenAuthenticators)]);
  const tokenReviewer = bearerTokenReviewer(authenticator, tokens.apiAudiences);
  return {
    server: { authenticator, tokenReviewer, ...common },
    tls: { cert, key, clientCa },
    scheme: 'https',
    pki: pki.paths,
    adminKubeconfig: (url) =>
      kubeconfigYaml({
        server: url,
        clusterName: 'kurator-hub',
        user: 'kurator-admin',
        // A certificate the user brought is verified against the system's trusted CAs.
        ...(ownServing ? { caPem: pki.ca.certPem } : {}),
        clientCertPem: pki.admin.certPem,
        clientKeyPem: pki.admin.keyPem,
      }),
    close,
  };
}
