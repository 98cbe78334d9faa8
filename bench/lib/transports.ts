// The single switch between "as users run it" and plain HTTP. The user-facing transport is measured
// first, so short runs (which measure only one) report what users get.

export interface Transport {
  /** 'tls': HTTPS with bearer-token authentication (--token-auth-file) and RBAC, as users run the hub; 'http': plain HTTP (--insecure-http: no authentication either). */
  name: 'tls' | 'http';
  tls: boolean;
}

/** The transports to measure, the user-facing one first. */
export function transports(): Transport[] {
  return [
    { name: 'tls', tls: true },
    { name: 'http', tls: false },
  ];
}

/** What the notes of every hub scenario say about how the hub was run. */
export function securityNote(): string {
  return '"tls" = the hub as users run it: TLS (certificates it generates under its data dir), bearer-token authentication (--token-auth-file) and RBAC; "http" = the same hub with --insecure-http (plain HTTP, no authentication), so the difference is what TLS and authentication cost';
}
