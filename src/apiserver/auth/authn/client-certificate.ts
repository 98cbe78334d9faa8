// Client certificates: the TLS layer verifies the chain against the client CA (requestCert with
// rejectUnauthorized off, so requests without a certificate still reach the other authenticators);
// here a presented certificate that failed that check is rejected, and a good one names the user
// (CN) and groups (O), as kube-apiserver's x509 authenticator does.

import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { AuthenticationError, type Authenticator, type UserInfo } from '../types.js';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** What a connection's certificate says: its user, none, or why it is refused. */
type Outcome = UserInfo | undefined | AuthenticationError;

/** A subject attribute of Node's decoded certificate: a string, or an array when the attribute repeats. */
function values(field: string | readonly string[] | undefined): string[] {
  if (field === undefined) return [];
  return typeof field === 'string' ? [field] : [...field];
}

// Node decodes the certificate once for getPeerCertificate (subject, extended key usage); that object is
// all this needs, so the DER is not parsed again.
function examine(socket: TLSSocket): Outcome {
  const peer = socket.getPeerCertificate(false);
  if (!peer || !peer.raw) return undefined;
  if (!socket.authorized) return new AuthenticationError(`verifying certificate: ${String(socket.authorizationError ?? 'not signed by a trusted client CA')}`);
  const usages = peer.ext_key_usage;
  if (usages && !usages.includes(CLIENT_AUTH)) return new AuthenticationError('verifying certificate: not valid for client authentication');
  const subject = peer.subject as Partial<Record<string, string | string[]>> | undefined;
  const commonName = values(subject?.CN)[0];
  return commonName ? { name: commonName, groups: values(subject?.O) } : undefined;
}

export function clientCertificateAuthenticator(): Authenticator {
  // A connection's certificate is fixed at the handshake, so keep-alive requests reuse the first answer.
  const outcomes = new WeakMap<TLSSocket, Outcome>();
  return {
    authenticate(req: IncomingMessage): UserInfo | undefined {
      const socket = req.socket;
      if (!(socket instanceof TLSSocket)) return undefined;
      let outcome: Outcome;
      if (outcomes.has(socket)) outcome = outcomes.get(socket);
      else {
        outcome = examine(socket);
        outcomes.set(socket, outcome);
      }
      if (outcome instanceof AuthenticationError) throw outcome;
      return outcome;
    },
  };
}
