// The single switch between "as users run it" and plain HTTP. The hub's own --help says what this build
// has: TLS on by default (then it has --insecure-http) and a static token file (--token-auth-file). Every
// transport the build has is measured, the user-facing one first, so the TLS figure appears as soon as
// the hub serves TLS, with no change here.

import { execFileSync } from 'node:child_process';
import { kuratorBin } from './paths.js';

export interface HubSecurity {
  /** The hub serves TLS by default and --insecure-http turns it off. */
  tls: boolean;
  /** The hub takes --token-auth-file (kube-apiserver's static token CSV). */
  tokenAuth: boolean;
}

export interface Transport {
  /** 'tls': HTTPS with bearer-token authentication, as users run the hub; 'http': plain HTTP (--insecure-http: no authentication either). */
  name: 'tls' | 'http';
  tls: boolean;
}

let detected: HubSecurity | undefined;

export function hubSecurity(): HubSecurity {
  if (!detected) {
    const help = execFileSync(process.execPath, [kuratorBin, 'hub', '--help'], { encoding: 'utf8' });
    detected = { tls: help.includes('--insecure-http'), tokenAuth: help.includes('--token-auth-file') };
  }
  return detected;
}

/** The transports to measure, the user-facing one first. */
export function transports(security: HubSecurity = hubSecurity()): Transport[] {
  return security.tls ? [{ name: 'tls', tls: true }, { name: 'http', tls: false }] : [{ name: 'http', tls: false }];
}

/** What the notes of every hub scenario say about how the hub was run. */
export function securityNote(security: HubSecurity = hubSecurity()): string {
  if (security.tls) return `"tls" = the hub as users run it: TLS (certificates it generates under its data dir), bearer-token authentication${security.tokenAuth ? ' (--token-auth-file)' : ''} and RBAC; "http" = the same hub with --insecure-http (plain HTTP, no authentication), so the difference is what TLS and authentication cost`;
  return `this build of the hub has no TLS${security.tokenAuth ? '' : ' and no authentication'} yet (issue 5): only plain-HTTP figures; the TLS figures appear here as soon as \`kurator hub\` serves TLS`;
}
