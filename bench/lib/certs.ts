// A throwaway self-signed serving certificate for 127.0.0.1 (openssl), for the comparison servers when
// they are measured over TLS like the hub.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServingCert {
  certFile: string;
  keyFile: string;
  /** The certificate PEM (it is its own CA). */
  ca: string;
}

export function selfSignedCert(dir: string): ServingCert {
  const certFile = join(dir, 'bench.crt');
  const keyFile = join(dir, 'bench.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { certFile, keyFile, ca: readFileSync(certFile, 'utf8') };
}
