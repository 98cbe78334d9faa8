// A throwaway serving certificate for 127.0.0.1 and localhost, signed by a throwaway CA, for the
// comparison servers when they are measured over TLS like the hub. Made with the hub's own PKI code.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate } from '../../src/security/pki.js';

export interface ServingCert {
  certFile: string;
  keyFile: string;
  /** The CA certificate PEM that signed it (what clients trust). */
  ca: string;
}

// Made once when the module loads (key generation is asynchronous), so selfSignedCert stays a plain call.
const ca = await createCertificateAuthority('kurator-bench-ca', 1);
const serving = await issueCertificate(ca, { commonName: '127.0.0.1', hosts: ['127.0.0.1', 'localhost'], usage: 'server', validDays: 1 });

/** Writes the serving certificate and key into dir (bench.crt, bench.key). */
export function selfSignedCert(dir: string): ServingCert {
  const certFile = join(dir, 'bench.crt');
  const keyFile = join(dir, 'bench.key');
  writeFileSync(certFile, serving.certPem);
  writeFileSync(keyFile, serving.keyPem, { mode: 0o600 });
  return { certFile, keyFile, ca: ca.certPem };
}
