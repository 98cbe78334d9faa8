// Measures, in process, the per-request steps every API request or watch delivery takes besides its own
// work: counting the request in the request metrics, authenticating a bearer-token request through the
// hub's authenticator chain (client certificates, then the token file; 32 at a time, as a burst of the
// benchmarks' clients arrives), and handing one event to 1,000 watch streams (their responses stand-ins
// that only take the bytes: the JavaScript side of a delivery, without the socket); and two steps of
// every create of a ConfigMap like api-write's: the duplicate-field check of its parsed JSON body, and its
// managed fields. Prints one JSON document; the rounds show the spread.
//
//   npm run build && node dist/bench/request-path.js [--rounds 5]

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { bearerTokenAuthenticator } from '../src/apiserver/auth/authn/bearer-token.js';
import { clientCertificateAuthenticator } from '../src/apiserver/auth/authn/client-certificate.js';
import { staticTokenAuthenticator } from '../src/apiserver/auth/authn/static-token.js';
import { unionAuthenticator } from '../src/apiserver/auth/authn/union.js';
import { authenticateRequest } from '../src/apiserver/auth/request-auth.js';
import { createApiMetrics } from '../src/apiserver/http/metrics.js';
import { openWatchStream } from '../src/apiserver/http/watch-stream.js';
import type { ServedResource } from '../src/apiserver/registry/kind-registry.js';
import { trackUpdate } from '../src/machinery/managedfields/track.js';
import type { KubeObject } from '../src/machinery/object.js';
import { scanParsedJsonText } from '../src/machinery/schema/index.js';
import { configMap } from './lib/hub-setup.js';
import { describeMachine } from './lib/machine.js';
import { optionValue } from './lib/options.js';

const rounds = Number(optionValue('rounds', '5'));

function nanosSince(start: bigint, count: number): number {
  return Number(process.hrtime.bigint() - start) / count;
}

function timeMetrics(): number {
  const metrics = createApiMetrics({ revision: () => [] });
  const count = 1_000_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) metrics.recordRequest('create', '', 'configmaps', '201', 0.004);
  return nanosSince(start, count);
}

async function timeAuthentication(): Promise<number> {
  const token = 'bench-token';
  const authenticator = unionAuthenticator([clientCertificateAuthenticator(), bearerTokenAuthenticator([staticTokenAuthenticator(new Map([[token, { name: 'admin', groups: ['system:masters'] }]]))])]);
  const req = { headers: { authorization: `Bearer ${token}` }, socket: {} } as unknown as IncomingMessage;
  // Whatever the chain returns, a user or a promise of one, is taken as the request handler takes it.
  const handle = async (): Promise<void> => {
    const user: unknown = authenticateRequest(authenticator, req);
    if (!(user instanceof Promise ? await user : user)) throw new Error('not authenticated');
  };
  const count = 200_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 32) await Promise.all(Array.from({ length: 32 }, handle));
  return nanosSince(start, count);
}

async function timeWatchFanOut(): Promise<number> {
  const served = { group: '', apiVersion: 'v1', definition: { kind: 'ConfigMap', plural: 'configmaps' } } as unknown as ServedResource;
  let bytes = 0;
  const res = { writeHead() {}, flushHeaders() {}, write: (chunk: string) => (bytes += Buffer.byteLength(chunk)), writableLength: 0, on() {}, end() {}, destroy() {} } as unknown as ServerResponse;
  const options = { served, allowBookmarks: false, sendInitialEventsBookmark: false, timeoutMs: 3_600_000, bookmarkIntervalMs: 3_600_000, maxBufferedBytes: 1 << 24, currentRevision: () => 1, onClose() {} };
  const sinks = Array.from({ length: 1000 }, () => openWatchStream(res, options).sink);
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'bench', uid: '0'.repeat(36), resourceVersion: '0' }, data: { payload: 'p'.repeat(256) } };
  const events = 200;
  const start = process.hrtime.bigint();
  for (let e = 0; e < events; e++) {
    object.metadata.resourceVersion = String(e);
    const rendered = { object, body: JSON.stringify(object) };
    for (const sink of sinks) sink.event('ADDED', rendered, e);
    await nextTurn();
  }
  if (bytes === 0) throw new Error('no event was written');
  return nanosSince(start, events * sinks.length);
}

/** api-write's body: a ConfigMap with a 256-byte value. */
function configMapBody(i: number): string {
  return JSON.stringify(configMap('bench', `bench-${i}`, 256));
}

function timeDuplicateCheck(): number {
  const texts = Array.from({ length: 1000 }, (_, i) => configMapBody(i));
  const values = texts.map((t) => JSON.parse(t) as unknown);
  const count = 200_000;
  let found = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) found += scanParsedJsonText(texts[i % 1000]!, values[i % 1000])!.duplicates.length;
  if (found !== 0) throw new Error('a body without repeated keys was said to repeat one');
  return nanosSince(start, count);
}

function timeCreateTracking(): number {
  // As the create path has it when tracking: system metadata set, managedFields not yet.
  const objects = Array.from({ length: 1000 }, (_, i) => {
    const object = JSON.parse(configMapBody(i)) as KubeObject;
    Object.assign(object.metadata, { uid: '0'.repeat(36), creationTimestamp: '2026-01-01T00:00:00Z', generation: 1 });
    return object;
  });
  const count = 200_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) trackUpdate({ old: undefined, updated: objects[i % 1000]!, manager: 'wrk', schema: undefined, apiVersion: 'v1', now: '2026-01-01T00:00:00Z' });
  return nanosSince(start, count);
}

const figures: { metricsNanos: number; authenticationNanos: number; watchDeliveryNanos: number; duplicateCheckNanos: number; createTrackingNanos: number }[] = [];
for (let round = 0; round < rounds; round++) {
  figures.push({
    metricsNanos: Math.round(timeMetrics()),
    authenticationNanos: Math.round(await timeAuthentication()),
    watchDeliveryNanos: Math.round(await timeWatchFanOut()),
    duplicateCheckNanos: Math.round(timeDuplicateCheck()),
    createTrackingNanos: Math.round(timeCreateTracking()),
  });
}
const pick = (key: keyof (typeof figures)[number]) => figures.map((f) => f[key]);
process.stdout.write(
  `${JSON.stringify(
    {
      scenario: 'request-path',
      machine: describeMachine(),
      notes: ['in process, no sockets: nanoseconds per request (metrics, authentication), per watch delivery (JavaScript side) and per ConfigMap create (duplicate-field check, managed fields), one figure per round'],
      figures: {
        'request metrics per request': { unit: 'ns', rounds: pick('metricsNanos') },
        'authentication per bearer-token request': { unit: 'ns', rounds: pick('authenticationNanos') },
        'watch delivery, JavaScript side': { unit: 'ns', rounds: pick('watchDeliveryNanos') },
        'duplicate-field check of a ConfigMap body': { unit: 'ns', rounds: pick('duplicateCheckNanos') },
        'managed fields of a ConfigMap create': { unit: 'ns', rounds: pick('createTrackingNanos') },
      },
    },
    null,
    2,
  )}\n`,
);
process.exit(0);
