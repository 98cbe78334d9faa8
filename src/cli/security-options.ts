// The hub's TLS, authentication and audit flags (kube-apiserver's names), shared by the commands that
// start a hub.

import type { Command } from 'commander';
import type { HubSecurityOptions } from '../hub/security.js';

export interface SecurityFlags {
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  clientCaFile?: string;
  insecureHttp?: boolean;
  tokenAuthFile?: string;
  auditLogPath?: string;
  auditPolicyFile?: string;
  serviceAccountSigningKeyFile?: string;
}

export function addSecurityOptions(command: Command): Command {
  return command
    .option('--tls-cert-file <file>', 'serving certificate (PEM) to use instead of the one generated under --data-dir/pki')
    .option('--tls-private-key-file <file>', 'private key (PEM) of --tls-cert-file')
    .option('--client-ca-file <file>', 'CA bundle (PEM) whose client certificates authenticate, besides the hub CA')
    .option('--token-auth-file <file>', 'static bearer tokens, one per line: token,user,uid,"group1,group2"')
    .option('--audit-log-path <file>', 'append an audit event (JSON) per request to this file')
    .option('--audit-policy-file <file>', 'audit.k8s.io/v1 Policy choosing what is logged (default: every request at Metadata level)')
    .option('--service-account-signing-key-file <file>', 'private key (PEM, EC P-256 or RSA) to sign ServiceAccount tokens with; hubs sharing one etcd need the same (default: generated under --data-dir/pki)')
    .option('--insecure-http', 'serve plain HTTP without authentication (loopback addresses only; for local debugging)');
}

export function securityOptionsFrom(flags: SecurityFlags): HubSecurityOptions {
  const options: HubSecurityOptions = {};
  if (flags.tlsCertFile) options.tlsCertFile = flags.tlsCertFile;
  if (flags.tlsPrivateKeyFile) options.tlsPrivateKeyFile = flags.tlsPrivateKeyFile;
  if (flags.clientCaFile) options.clientCaFile = flags.clientCaFile;
  if (flags.tokenAuthFile) options.tokenAuthFile = flags.tokenAuthFile;
  if (flags.auditLogPath) options.auditLogPath = flags.auditLogPath;
  if (flags.auditPolicyFile) options.auditPolicyFile = flags.auditPolicyFile;
  if (flags.serviceAccountSigningKeyFile) options.serviceAccountSigningKeyFile = flags.serviceAccountSigningKeyFile;
  if (flags.insecureHttp) {
    options.insecureHttp = true;
    process.stderr.write('WARNING: --insecure-http: serving plain HTTP with no TLS and no authentication; anyone who can reach the port is an administrator.\n');
  }
  return options;
}
