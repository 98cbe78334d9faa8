// networking.istio.io subset: VirtualService, DestinationRule, Gateway, served as v1alpha3, v1beta1 and v1 with one
// schema (v1alpha3 is the storage version, as upstream). HTTP match/retry/header/CORS types are shared with
// Kurator's Application rollout and Flagger's Canary.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, objectSchema, sameSchemaVersions } from './crd.js';
import { arr, bool, freeObject, int32, int64, mapOf, num, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const ISTIO_CATEGORIES = ['istio-io', 'networking-istio-io'];
const ISTIO_VERSIONS = ['v1alpha3', 'v1beta1', 'v1'];

const uint32 = (): Schema => ({ type: 'integer', maximum: 4294967295, minimum: 0 });

export const stringMatch = (): Schema => obj({ exact: str(), prefix: str(), regex: str() });

export const httpMatchRequest = (): Schema =>
  obj({
    name: str(),
    uri: stringMatch(),
    scheme: stringMatch(),
    method: stringMatch(),
    authority: stringMatch(),
    headers: mapOf(stringMatch()),
    port: uint32(),
    sourceLabels: stringMap(),
    gateways: strings(),
    queryParams: mapOf(stringMatch()),
    ignoreUriCase: bool(),
    withoutHeaders: mapOf(stringMatch()),
    sourceNamespace: str(),
    statPrefix: str(),
  });

export const httpRetry = (): Schema =>
  obj({ attempts: int32(), perTryTimeout: str(), retryOn: str(), retryRemoteLocalities: bool(), retryIgnorePreviousHosts: bool() });

const headerOperations = (): Schema => obj({ set: stringMap(), add: stringMap(), remove: strings() });
export const headers = (): Schema => obj({ request: headerOperations(), response: headerOperations() });

export const corsPolicy = (): Schema =>
  obj({
    allowOrigin: strings(),
    allowOrigins: arr(stringMatch()),
    allowMethods: strings(),
    allowHeaders: strings(),
    exposeHeaders: strings(),
    maxAge: str(),
    allowCredentials: bool(),
    unmatchedPreflights: oneOf(['UNSPECIFIED', 'FORWARD', 'IGNORE']),
  });

const portSelector = (): Schema => obj({ number: uint32() });
const destination = (): Schema => obj({ host: str(), subset: str(), port: portSelector() }, ['host']);
const percent = (): Schema => obj({ value: num({ format: 'double' }) });

const httpRoute = (): Schema =>
  obj({
    name: str(),
    match: arr(httpMatchRequest()),
    route: arr(obj({ destination: destination(), weight: int32(), headers: headers() }, ['destination'])),
    redirect: obj({
      uri: str(),
      authority: str(),
      port: uint32(),
      derivePort: oneOf(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']),
      scheme: str(),
      redirectCode: uint32(),
    }),
    directResponse: obj({ status: uint32(), body: obj({ string: str(), bytes: str({ format: 'binary' }) }) }, ['status']),
    delegate: obj({ name: str(), namespace: str() }),
    rewrite: obj({ uri: str(), authority: str(), uriRegexRewrite: obj({ match: str(), rewrite: str() }) }),
    timeout: str(),
    retries: httpRetry(),
    fault: obj({
      delay: obj({ fixedDelay: str(), exponentialDelay: str(), percentage: percent(), percent: int32() }),
      abort: obj({ httpStatus: int32(), grpcStatus: str(), http2Error: str(), percentage: percent() }),
    }),
    mirror: destination(),
    mirrors: arr(obj({ destination: destination(), percentage: percent() }, ['destination'])),
    mirrorPercentage: percent(),
    mirrorPercent: uint32(),
    corsPolicy: corsPolicy(),
    headers: headers(),
  });

const l4Match = (tls: boolean): Schema =>
  obj({
    ...(tls ? { sniHosts: strings() } : { sourceSubnet: str() }),
    destinationSubnets: strings(),
    port: uint32(),
    sourceLabels: stringMap(),
    gateways: strings(),
    sourceNamespace: str(),
  }, tls ? ['sniHosts'] : undefined);

const l4Route = (): Schema => arr(obj({ destination: destination(), weight: int32() }, ['destination']));

const virtualServiceSpec = (): Schema =>
  obj({
    hosts: strings(),
    gateways: strings(),
    http: arr(httpRoute()),
    tls: arr(obj({ match: arr(l4Match(true)), route: l4Route() }, ['match'])),
    tcp: arr(obj({ match: arr(l4Match(false)), route: l4Route() })),
    exportTo: strings(),
  });

const clientTls = (): Schema =>
  obj({
    mode: oneOf(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']),
    clientCertificate: str(),
    privateKey: str(),
    caCertificates: str(),
    credentialName: str(),
    subjectAltNames: strings(),
    sni: str(),
    insecureSkipVerify: bool(),
    caCrl: str(),
  });

const loadBalancer = (): Schema =>
  obj({
    simple: oneOf(['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST']),
    consistentHash: obj({
      httpHeaderName: str(),
      httpCookie: obj({ name: str(), path: str(), ttl: str() }, ['name']),
      useSourceIp: bool(),
      httpQueryParameterName: str(),
      ringHash: obj({ minimumRingSize: int64() }),
      maglev: obj({ tableSize: int64() }),
      minimumRingSize: int64(),
    }),
    localityLbSetting: obj({
      distribute: arr(obj({ from: str(), to: mapOf(uint32()) })),
      failover: arr(obj({ from: str(), to: str() })),
      failoverPriority: strings(),
      enabled: { type: 'boolean', nullable: true },
    }),
    warmupDurationSecs: str(),
  });

const connectionPool = (): Schema =>
  obj({
    tcp: obj({
      maxConnections: int32(),
      connectTimeout: str(),
      tcpKeepalive: obj({ probes: uint32(), time: str(), interval: str() }),
      maxConnectionDuration: str(),
      idleTimeout: str(),
    }),
    http: obj({
      http1MaxPendingRequests: int32(),
      http2MaxRequests: int32(),
      maxRequestsPerConnection: int32(),
      maxRetries: int32(),
      idleTimeout: str(),
      h2UpgradePolicy: oneOf(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']),
      useClientProtocol: bool(),
      maxConcurrentStreams: int32(),
    }),
  });

const outlierDetection = (): Schema =>
  obj({
    splitExternalLocalOriginErrors: bool(),
    consecutiveLocalOriginFailures: { type: 'integer', nullable: true },
    consecutiveGatewayErrors: { type: 'integer', nullable: true },
    consecutive5xxErrors: { type: 'integer', nullable: true },
    consecutiveErrors: int32(),
    interval: str(),
    baseEjectionTime: str(),
    maxEjectionPercent: int32(),
    minHealthPercent: int32(),
  });

const trafficPolicy = (): Schema =>
  obj({
    loadBalancer: loadBalancer(),
    connectionPool: connectionPool(),
    outlierDetection: outlierDetection(),
    tls: clientTls(),
    portLevelSettings: arr(
      obj({ port: portSelector(), loadBalancer: loadBalancer(), connectionPool: connectionPool(), outlierDetection: outlierDetection(), tls: clientTls() }),
    ),
    tunnel: obj({ protocol: str(), targetHost: str(), targetPort: uint32() }, ['targetHost', 'targetPort']),
    proxyProtocol: obj({ version: oneOf(['V1', 'V2']) }),
  });

const destinationRuleSpec = (): Schema =>
  obj(
    {
      host: str(),
      trafficPolicy: trafficPolicy(),
      subsets: arr(obj({ name: str(), labels: stringMap(), trafficPolicy: trafficPolicy() }, ['name'])),
      exportTo: strings(),
      workloadSelector: obj({ matchLabels: stringMap() }),
    },
    ['host'],
  );

const gatewaySpec = (): Schema =>
  obj({
    servers: arr(
      obj(
        {
          port: obj({ number: uint32(), protocol: str(), name: str(), targetPort: uint32() }, ['name', 'number', 'protocol']),
          bind: str(),
          hosts: strings(),
          tls: obj({
            httpsRedirect: bool(),
            mode: oneOf(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL']),
            serverCertificate: str(),
            privateKey: str(),
            caCertificates: str(),
            credentialName: str(),
            subjectAltNames: strings(),
            minProtocolVersion: str(),
            maxProtocolVersion: str(),
            cipherSuites: strings(),
          }),
          defaultEndpoint: str(),
          name: str(),
        },
        ['hosts', 'port'],
      ),
    ),
    selector: stringMap(),
  });

// Istio keeps its status free-form (validation messages, conditions written by istiod).
const istioStatus = (): Schema => freeObject();

export const istioCrds = (): KubeObject[] => [
  defineCrd({
    group: 'networking.istio.io',
    kind: 'VirtualService',
    scope: 'Namespaced',
    shortNames: ['vs'],
    categories: ISTIO_CATEGORIES,
    versions: sameSchemaVersions(ISTIO_VERSIONS, 'v1alpha3', objectSchema({ spec: virtualServiceSpec(), status: istioStatus() }), [
      { name: 'Gateways', type: 'string', jsonPath: '.spec.gateways', description: 'The names of gateways and sidecars that should apply these routes' },
      { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts', description: 'The destination hosts to which traffic is being sent' },
      ageColumn(),
    ]),
  }),
  defineCrd({
    group: 'networking.istio.io',
    kind: 'DestinationRule',
    scope: 'Namespaced',
    shortNames: ['dr'],
    categories: ISTIO_CATEGORIES,
    versions: sameSchemaVersions(ISTIO_VERSIONS, 'v1alpha3', objectSchema({ spec: destinationRuleSpec(), status: istioStatus() }), [
      { name: 'Host', type: 'string', jsonPath: '.spec.host', description: 'The name of a service from the service registry' },
      ageColumn(),
    ]),
  }),
  defineCrd({
    group: 'networking.istio.io',
    kind: 'Gateway',
    scope: 'Namespaced',
    shortNames: ['gw'],
    categories: ISTIO_CATEGORIES,
    versions: sameSchemaVersions(ISTIO_VERSIONS, 'v1alpha3', objectSchema({ spec: gatewaySpec(), status: istioStatus() }), [ageColumn()]),
  }),
];
