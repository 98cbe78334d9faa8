import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeKubernetesProtobuf, ProtobufDecodeError } from './index.js';

// A tiny protobuf encoder for building request bodies by hand. Like Go's generated Marshal, the helpers
// below write empty non-pointer fields explicitly where the real client would.
type Bytes = number[];

function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const key = (field: number, wire: number): Bytes => varint(field * 8 + wire);
const int = (field: number, value: number | bigint): Bytes => [...key(field, 0), ...varint(value)];
const bool = (field: number, value: boolean): Bytes => int(field, value ? 1 : 0);
const bytes = (field: number, data: Bytes): Bytes => [...key(field, 2), ...varint(data.length), ...data];
const str = (field: number, s: string): Bytes => bytes(field, [...Buffer.from(s, 'utf8')]);
const msg = (field: number, ...parts: Bytes[]): Bytes => bytes(field, parts.flat());
const double = (field: number, value: number): Bytes => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return [...key(field, 1), ...b];
};
const stringMap = (field: number, entries: Record<string, string>): Bytes =>
  Object.entries(entries).flatMap(([k, v]) => msg(field, str(1, k), str(2, v)));
const MAGIC: Bytes = [0x6b, 0x38, 0x73, 0x00];
const envelope = (apiVersion: string, kind: string, ...object: Bytes[]): Buffer =>
  Buffer.from([...MAGIC, ...msg(1, str(1, apiVersion), str(2, kind)), ...msg(2, ...object), ...str(3, ''), ...str(4, '')]);

/** ObjectMeta the way client-go writes it: every non-pointer field present, the zero creationTimestamp empty. */
const objectMeta = (name: string, namespace = '', labels: Record<string, string> = {}, ...extra: Bytes[]): Bytes =>
  msg(1, str(1, name), str(2, ''), str(3, namespace), str(4, ''), str(5, ''), str(6, ''), int(7, 0), msg(8), stringMap(11, labels), ...extra);
const quantity = (field: number, value: string): Bytes => msg(field, str(1, value));
const intOrStringInt = (field: number, value: number): Bytes => msg(field, int(1, 0), int(2, value), str(3, ''));
const intOrStringStr = (field: number, value: string): Bytes => msg(field, int(1, 1), int(2, 0), str(3, value));

function assertDecodeError(body: Uint8Array, pattern: RegExp, expected?: { apiVersion: string; kind: string }): void {
  assert.throws(
    () => decodeKubernetesProtobuf(body, expected),
    (error: unknown) => error instanceof ProtobufDecodeError && pattern.test(error.message),
  );
}

test('ConfigMap: labels, data, binaryData, pointer immutable=false kept, unknown fields ignored', () => {
  const body = envelope(
    'v1',
    'ConfigMap',
    objectMeta('settings', 'default', { app: 'web', tier: 'front' }),
    stringMap(2, { 'config.yaml': 'a: 1\n', empty: '' }),
    msg(3, str(1, 'blob'), bytes(2, [0x00, 0xff, 0x10])),
    bool(4, false),
    str(99, 'a field from a newer release'),
  );
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'default', labels: { app: 'web', tier: 'front' } },
    data: { 'config.yaml': 'a: 1\n', empty: '' },
    binaryData: { blob: 'AP8Q' },
    immutable: false,
  });
});

test('Secret: bytes values become base64, stringData and type kept', () => {
  const body = envelope(
    'v1',
    'Secret',
    objectMeta('creds', 'default'),
    msg(2, str(1, 'password'), bytes(2, [...Buffer.from('s3cr3t')])),
    msg(2, str(1, 'binary'), bytes(2, [0xde, 0xad, 0xbe, 0xef])),
    str(3, 'Opaque'),
    stringMap(4, { user: 'admin' }),
  );
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds', namespace: 'default' },
    data: { password: 'czNjcjN0', binary: '3q2+7w==' },
    type: 'Opaque',
    stringData: { user: 'admin' },
  });
});

test('Deployment: replicas 0 kept, selector, containers with ports/resources/env, inline volume and probe, intstr strategy', () => {
  const container = [
    str(1, 'web'),
    str(2, 'nginx:1.27'),
    str(3, 'nginx'),
    str(3, '-g'),
    str(5, ''),
    msg(6, str(1, 'http'), int(2, 0), int(3, 8080), str(4, 'TCP'), str(5, '')),
    msg(7, str(1, 'MODE'), str(2, 'prod')),
    msg(7, str(1, 'TOKEN'), str(2, ''), msg(3, msg(4, msg(1, str(1, 'api-token')), str(2, 'token')))),
    msg(8, msg(1, str(1, 'cpu'), quantity(2, '500m')), msg(1, str(1, 'memory'), quantity(2, '128Mi')), msg(2, str(1, 'cpu'), quantity(2, '250m'))),
    msg(10, msg(1, msg(2, str(1, '/healthz'), intOrStringStr(2, 'http'), str(3, ''), str(4, 'HTTP'))), int(2, 5), int(3, 1), int(4, 10), int(5, 1), int(6, 3)),
    str(13, '/dev/termination-log'),
    str(14, 'IfNotPresent'),
    bool(16, false),
  ];
  const podSpec = [
    msg(1, str(1, 'cache'), msg(2, msg(2, str(1, '')))),
    msg(2, ...container),
    str(3, 'Always'),
    int(4, 30),
    str(6, 'ClusterFirst'),
    bool(11, false),
  ];
  const spec = [
    int(1, 0),
    msg(2, stringMap(1, { app: 'web' }), msg(2, str(1, 'tier'), str(2, 'In'), str(3, 'front'), str(3, 'edge'))),
    msg(3, objectMeta('', '', { app: 'web' }), msg(2, ...podSpec)),
    msg(4, str(1, 'RollingUpdate'), msg(2, intOrStringInt(1, 0), intOrStringStr(2, '25%'))),
    int(5, 0),
    int(6, 10),
    bool(7, false),
  ];
  const body = envelope('apps/v1', 'Deployment', objectMeta('web', 'default', { app: 'web' }), msg(2, ...spec), msg(3, int(1, 0), int(2, 0)));
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          volumes: [{ name: 'cache', emptyDir: {} }],
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              command: ['nginx', '-g'],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api-token', key: 'token' } } },
              ],
              resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
              livenessProbe: {
                httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
                initialDelaySeconds: 5,
                timeoutSeconds: 1,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 3,
              },
              terminationMessagePath: '/dev/termination-log',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
      revisionHistoryLimit: 10,
    },
  });
});

test('Service: intstr targetPort 8080, empty non-pointer fields dropped', () => {
  const port = msg(1, str(1, ''), str(2, 'TCP'), int(3, 80), intOrStringInt(4, 8080), int(5, 0));
  const body = envelope('v1', 'Service', objectMeta('api', 'default'), msg(2, port, stringMap(2, { app: 'api' }), str(3, ''), str(4, 'ClusterIP'), str(7, ''), bool(13, false)), msg(3, msg(1)));
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'default' },
    spec: { ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'api' }, type: 'ClusterIP' },
  });
});

test('ServicePort.port has no omitempty: a zero port stays, an absent one becomes 0', () => {
  const body = envelope('v1', 'Service', objectMeta('s'), msg(2, msg(1, str(1, 'a'), int(3, 0)), msg(1, str(1, 'b'))));
  const spec = decodeKubernetesProtobuf(body)['spec'] as { ports: unknown[] };
  assert.deepEqual(spec.ports, [{ name: 'a', port: 0 }, { name: 'b', port: 0 }]);
});

test('Namespace: finalizers and a set creationTimestamp in RFC 3339', () => {
  const meta = msg(1, str(1, 'team-a'), msg(8, int(1, 1767225600), int(2, 999)), stringMap(12, { owner: 'a@example.com' }));
  const body = envelope('v1', 'Namespace', meta, msg(2, str(1, 'kubernetes')), msg(3, str(1, '')));
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-a', creationTimestamp: '2026-01-01T00:00:00Z', annotations: { owner: 'a@example.com' } },
    spec: { finalizers: ['kubernetes'] },
  });
});

test('ObjectMeta pointers, owner references and managedFields with FieldsV1 JSON', () => {
  const owner = msg(13, str(1, 'ReplicaSet'), str(3, 'web-1'), str(4, 'uid-1'), str(5, 'apps/v1'), bool(6, true), bool(7, false));
  const managed = msg(17, str(1, 'kubectl'), str(2, 'Apply'), str(3, 'v1'), msg(4, int(1, 0)), str(6, 'FieldsV1'), msg(7, bytes(1, [...Buffer.from('{"f:data":{".":{}}}')])), str(8, ''));
  const meta = msg(1, str(1, 'p'), str(3, 'ns'), msg(8), msg(9, int(1, 1767225600)), int(10, 0), owner, str(14, 'example.com/guard'), managed);
  assert.deepEqual(decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', meta)), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'p',
      namespace: 'ns',
      deletionTimestamp: '2026-01-01T00:00:00Z',
      deletionGracePeriodSeconds: 0,
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', uid: 'uid-1', apiVersion: 'apps/v1', controller: true, blockOwnerDeletion: false }],
      finalizers: ['example.com/guard'],
      managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '1970-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {} } } }],
    },
  });
});

test('Lease: MicroTime with six fractional digits, pointer scalars', () => {
  const spec = msg(2, str(1, 'hub-0'), int(2, 15), msg(3, int(1, 1767225600), int(2, 123456789)), int(5, 0));
  assert.deepEqual(decodeKubernetesProtobuf(envelope('coordination.k8s.io/v1', 'Lease', objectMeta('leader', 'kube-system'), spec)), {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'leader', namespace: 'kube-system' },
    spec: { holderIdentity: 'hub-0', leaseDurationSeconds: 15, acquireTime: '2026-01-01T00:00:00.123456Z', leaseTransitions: 0 },
  });
});

test('negative int32 (ten-byte varint) and packed repeated int64', () => {
  const pc = decodeKubernetesProtobuf(envelope('scheduling.k8s.io/v1', 'PriorityClass', objectMeta('low'), int(2, -5)));
  assert.equal(pc['value'], -5);
  const packed = bytes(4, [...varint(1000), ...varint(2000)]);
  const pod = envelope('v1', 'Pod', objectMeta('p'), msg(2, msg(2, str(1, 'c')), msg(14, packed, int(4, 3000), int(2, 0))));
  const spec = decodeKubernetesProtobuf(pod)['spec'] as Record<string, unknown>;
  assert.deepEqual(spec['securityContext'], { supplementalGroups: [1000, 2000, 3000], runAsUser: 0 });
});

test('empty TypeMeta in the envelope takes the expected apiVersion and kind', () => {
  const body = Buffer.from([...MAGIC, ...msg(1), ...msg(2, objectMeta('x', 'default'), stringMap(2, { a: 'b' }))]);
  assert.deepEqual(decodeKubernetesProtobuf(body, { apiVersion: 'v1', kind: 'ConfigMap' }), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x', namespace: 'default' },
    data: { a: 'b' },
  });
  assertDecodeError(body, /names no apiVersion and kind/);
});

test('DeleteOptions decode under the group version of the resource being deleted', () => {
  const body = envelope('apps/v1', 'DeleteOptions', int(1, 0), msg(2, str(1, 'uid-9')), str(4, 'Foreground'), str(5, 'All'));
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'apps/v1',
    kind: 'DeleteOptions',
    gracePeriodSeconds: 0,
    preconditions: { uid: 'uid-9' },
    propagationPolicy: 'Foreground',
    dryRun: ['All'],
  });
});

test('CustomResourceDefinition: schema maps, JSON defaults and enums, OrBool/OrArray unions, validations', () => {
  const replicas = [str(5, 'integer'), msg(8, bytes(1, [...Buffer.from('1')])), double(11, 1), bool(10, false)];
  const color = [str(5, 'string'), msg(20, bytes(1, [...Buffer.from('"red"')])), msg(20, bytes(1, [...Buffer.from('"blue"')]))];
  const tags = [str(5, 'array'), msg(24, msg(1, str(5, 'string')))];
  const specSchema = [
    str(1, ''),
    str(5, 'object'),
    msg(29, str(1, 'replicas'), msg(2, ...replicas)),
    msg(29, str(1, 'color'), msg(2, ...color)),
    msg(29, str(1, 'tags'), msg(2, ...tags)),
    msg(30, bool(1, false)),
    msg(44, str(1, 'self.replicas >= 1'), str(2, ''), str(3, "'too few: ' + string(self.replicas)")),
  ];
  const root = [str(5, 'object'), msg(29, str(1, 'spec'), msg(2, ...specSchema)), msg(29, str(1, 'status'), msg(2, str(5, 'object'), bool(38, true))), msg(30, bool(1, true), msg(2, str(5, 'string')))];
  const version = msg(7, str(1, 'v1'), bool(2, true), bool(3, true), msg(4, msg(1, ...root)), msg(5, msg(1)), bool(7, false));
  const names = msg(3, str(1, 'widgets'), str(2, 'widget'), str(4, 'Widget'), str(5, 'WidgetList'));
  const body = envelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', objectMeta('widgets.example.com'), msg(2, str(1, 'example.com'), names, str(4, 'Namespaced'), version, bool(10, false)));
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    replicas: { type: 'integer', default: 1, minimum: 1 },
                    color: { type: 'string', enum: ['red', 'blue'] },
                    tags: { type: 'array', items: { type: 'string' } },
                  },
                  additionalProperties: false,
                  'x-kubernetes-validations': [{ rule: 'self.replicas >= 1', messageExpression: "'too few: ' + string(self.replicas)" }],
                },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
              additionalProperties: { type: 'string' },
            },
          },
          subresources: { status: {} },
        },
      ],
    },
  });
});

test('SubjectAccessReview: ExtraValue entries are string arrays', () => {
  const spec = msg(2, str(3, 'alice'), str(4, 'devs'), msg(5, str(1, 'scopes'), msg(2, str(1, 'read'), str(1, 'write'))));
  assert.deepEqual(decodeKubernetesProtobuf(envelope('authorization.k8s.io/v1', 'SubjectAccessReview', objectMeta(''), spec))['spec'], {
    user: 'alice',
    groups: ['devs'],
    extra: { scopes: ['read', 'write'] },
  });
});

test('ControllerRevision data: RawExtension holding JSON or a nested protobuf object', () => {
  const json = envelope('apps/v1', 'ControllerRevision', objectMeta('r1'), msg(2, bytes(1, [...Buffer.from('{"spec":{"replicas":2}}')])), int(3, 4));
  assert.deepEqual(decodeKubernetesProtobuf(json), { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r1' }, data: { spec: { replicas: 2 } }, revision: 4 });
  const nested = envelope('v1', 'ConfigMap', objectMeta('inner'), stringMap(2, { k: 'v' }));
  const revision = envelope('apps/v1', 'ControllerRevision', objectMeta('r2'), msg(2, bytes(1, [...nested])), int(3, 1));
  assert.deepEqual(decodeKubernetesProtobuf(revision)['data'], { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inner' }, data: { k: 'v' } });
});

test('map keys are plain own properties, even "__proto__"', () => {
  const decoded = decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', objectMeta('m'), stringMap(2, JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>)));
  const data = decoded['data'] as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(data), Object.prototype);
  assert.deepEqual(Object.keys(data), ['__proto__', 'constructor']);
  assert.equal(Object.getOwnPropertyDescriptor(data, '__proto__')?.value, 'x');
});

const malformed: { name: string; body: Uint8Array; error: RegExp }[] = [
  { name: 'empty body', body: new Uint8Array(0), error: /"k8s\\x00" prefix/ },
  { name: 'JSON body', body: Buffer.from('{"kind":"ConfigMap"}'), error: /"k8s\\x00" prefix/ },
  { name: 'wrong magic', body: Buffer.from([0x6b, 0x38, 0x73, 0x01, 0x0a, 0x00]), error: /"k8s\\x00" prefix/ },
  { name: 'raw length past the end', body: Buffer.from([...MAGIC, ...msg(1, str(1, 'v1'), str(2, 'ConfigMap')), ...key(2, 2), ...varint(50), 1, 2, 3]), error: /truncated/ },
  { name: 'huge length', body: Buffer.from([...MAGIC, ...key(2, 2), ...varint(2n ** 40n)]), error: /truncated/ },
  { name: 'length beyond 2^53', body: Buffer.from([...MAGIC, ...key(2, 2), ...varint(2n ** 62n)]), error: /varint too large/ },
  { name: 'varint longer than ten bytes', body: Buffer.from([...MAGIC, ...key(5, 0), ...new Array<number>(11).fill(0xff), 0x01]), error: /longer than 10 bytes/ },
  { name: 'truncated varint', body: Buffer.from([...MAGIC, ...key(5, 0), 0xff]), error: /truncated varint/ },
  { name: 'field number zero', body: Buffer.from([...MAGIC, 0x02, 0x00]), error: /invalid field number 0/ },
  { name: 'group wire type', body: Buffer.from([...MAGIC, ...key(9, 3)]), error: /unsupported wire type 3/ },
  { name: 'TypeMeta as a varint', body: Buffer.from([...MAGIC, ...int(1, 7)]), error: /wire type 0, expected 2/ },
  { name: 'map field as a varint', body: envelope('v1', 'ConfigMap', int(2, 1)), error: /field 2 of k8s\.io\.api\.core\.v1\.ConfigMap has wire type 0/ },
  { name: 'string field as fixed64', body: envelope('v1', 'Secret', double(3, 1)), error: /field 3 of k8s\.io\.api\.core\.v1\.Secret/ },
  { name: 'gzip content encoding', body: Buffer.from([...MAGIC, ...msg(1, str(1, 'v1'), str(2, 'ConfigMap')), ...msg(2), ...str(3, 'gzip')]), error: /content encoding "gzip"/ },
  { name: 'JSON content type in the envelope', body: Buffer.from([...MAGIC, ...msg(1, str(1, 'v1'), str(2, 'ConfigMap')), ...msg(2), ...str(4, 'application/json')]), error: /content type "application\/json"/ },
  { name: 'invalid FieldsV1 JSON', body: envelope('v1', 'ConfigMap', msg(1, msg(17, msg(7, bytes(1, [...Buffer.from('{nope')]))))), error: /FieldsV1 does not hold valid JSON/ },
  { name: 'timestamp past year 9999', body: envelope('v1', 'ConfigMap', msg(1, msg(8, int(1, 253402300800)))), error: /outside the years 1-9999/ },
];

for (const c of malformed) {
  test(`malformed: ${c.name} throws ProtobufDecodeError`, () => assertDecodeError(c.body, c.error));
}

test('a kind without a protobuf description is refused with a pointer to JSON', () => {
  const body = envelope('example.com/v1', 'Widget', objectMeta('w'));
  assertDecodeError(body, /^Widget \(example\.com\/v1\) cannot be sent as protobuf to this server; send it as JSON/);
  assertDecodeError(Buffer.from([...MAGIC, ...msg(2)]), /Widget \(example\.com\/v1\) cannot be sent as protobuf/, { apiVersion: 'example.com/v1', kind: 'Widget' });
});

test('nesting deeper than 100 levels is refused; 90 levels decode', () => {
  const nestedNot = (levels: number): Bytes => {
    let schema: Bytes = str(5, 'string');
    for (let i = 0; i < levels; i++) schema = msg(28, schema);
    return schema;
  };
  const crd = (levels: number): Buffer => {
    const version = msg(7, str(1, 'v1'), bool(2, true), bool(3, true), msg(4, msg(1, nestedNot(levels))));
    return envelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', objectMeta('w.example.com'), msg(2, version));
  };
  assertDecodeError(crd(120), /nested deeper than 100 levels/);
  assert.doesNotThrow(() => decodeKubernetesProtobuf(crd(90)));
});

test('the envelope TypeMeta wins over the expected kind; empty raw JSON in a list is null', () => {
  const body = envelope('v1', 'Secret', objectMeta('s'), str(3, 'Opaque'));
  assert.deepEqual(decodeKubernetesProtobuf(body, { apiVersion: 'v1', kind: 'ConfigMap' }), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    type: 'Opaque',
  });
  const schema = msg(1, str(5, 'string'), msg(20, bytes(1, [...Buffer.from('"a"')])), msg(20));
  const version = msg(7, str(1, 'v1'), bool(2, true), bool(3, true), msg(4, schema));
  const crd = decodeKubernetesProtobuf(envelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', objectMeta('w.example.com'), msg(2, version)));
  const versions = (crd['spec'] as { versions: { schema: { openAPIV3Schema: unknown } }[] }).versions;
  assert.deepEqual(versions[0]!.schema.openAPIV3Schema, { type: 'string', enum: ['a', null] });
});
