// monitoring.coreos.com/v1 subset: ServiceMonitor, PodMonitor, PrometheusRule.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, objectSchema } from './crd.js';
import { labelSelector } from './fragments.js';
import { arr, bool, int32, int64, intOrString, mapOf, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const CATEGORIES = ['prometheus-operator'];

const secretKeySelector = (): Schema => obj({ key: str(), name: str(), optional: bool() }, ['key'], { 'x-kubernetes-map-type': 'atomic' });
const configMapOrSecret = (): Schema => obj({ configMap: secretKeySelector(), secret: secretKeySelector() });

const safeTlsConfig = (): Schema =>
  obj({
    ca: configMapOrSecret(),
    cert: configMapOrSecret(),
    keySecret: secretKeySelector(),
    serverName: str(),
    insecureSkipVerify: bool(),
    minVersion: oneOf(['TLS10', 'TLS11', 'TLS12', 'TLS13']),
    maxVersion: oneOf(['TLS10', 'TLS11', 'TLS12', 'TLS13']),
    caFile: str(),
    certFile: str(),
    keyFile: str(),
  });

const relabelConfig = (): Schema =>
  obj({
    action: oneOf([
      'replace', 'Replace', 'keep', 'Keep', 'drop', 'Drop', 'hashmod', 'HashMod', 'labelmap', 'LabelMap', 'labeldrop', 'LabelDrop',
      'labelkeep', 'LabelKeep', 'lowercase', 'Lowercase', 'uppercase', 'Uppercase', 'keepequal', 'KeepEqual', 'dropequal', 'DropEqual',
    ], { default: 'replace' }),
    modulus: int64(),
    regex: str(),
    replacement: str(),
    separator: str(),
    sourceLabels: strings(),
    targetLabel: str(),
  });

/** Fields every scrape endpoint (ServiceMonitor endpoint, PodMonitor podMetricsEndpoint) shares. */
const endpointFields = (): Record<string, Schema> => ({
  port: str(),
  path: str(),
  scheme: oneOf(['http', 'https', 'HTTP', 'HTTPS']),
  params: mapOf(strings()),
  interval: str({ pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$' }),
  scrapeTimeout: str({ pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$' }),
  honorLabels: bool(),
  honorTimestamps: bool(),
  trackTimestampsStaleness: bool(),
  basicAuth: obj({ username: secretKeySelector(), password: secretKeySelector() }),
  authorization: obj({ type: str(), credentials: secretKeySelector() }),
  oauth2: obj({
    clientId: configMapOrSecret(),
    clientSecret: secretKeySelector(),
    tokenUrl: str({ minLength: 1 }),
    scopes: strings(),
    endpointParams: stringMap(),
  }, ['clientId', 'clientSecret', 'tokenUrl']),
  metricRelabelings: arr(relabelConfig()),
  relabelings: arr(relabelConfig()),
  proxyUrl: str(),
  followRedirects: bool(),
  enableHttp2: bool(),
  filterRunning: bool(),
});

const monitorLimits = (): Record<string, Schema> => ({
  sampleLimit: int64(),
  targetLimit: int64(),
  labelLimit: int64(),
  labelNameLengthLimit: int64(),
  labelValueLengthLimit: int64(),
  keepDroppedTargets: int64(),
  scrapeProtocols: strings(),
  scrapeClass: str(),
  attachMetadata: obj({ node: bool() }),
  bodySizeLimit: str(),
  namespaceSelector: obj({ any: bool(), matchNames: strings() }),
  selector: labelSelector(),
  jobLabel: str(),
  podTargetLabels: strings(),
});

const serviceMonitorSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          ...monitorLimits(),
          targetLabels: strings(),
          endpoints: arr(
            obj({
              ...endpointFields(),
              targetPort: intOrString(),
              bearerTokenFile: str(),
              bearerTokenSecret: secretKeySelector(),
              tlsConfig: safeTlsConfig(),
            }),
          ),
        },
        ['selector'],
      ),
    },
    { required: ['spec'] },
  );

const podMonitorSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          ...monitorLimits(),
          podMetricsEndpoints: arr(
            obj({ ...endpointFields(), portNumber: int32({ minimum: 1, maximum: 65535 }), targetPort: intOrString(), tlsConfig: safeTlsConfig(), bearerTokenSecret: secretKeySelector() }),
          ),
        },
        ['selector'],
      ),
    },
    { required: ['spec'] },
  );

const prometheusRuleSchema = (): Schema =>
  objectSchema(
    {
      spec: obj({
        groups: arr(
          obj(
            {
              name: str({ minLength: 1 }),
              interval: str(),
              query_offset: str(),
              limit: int32(),
              partial_response_strategy: str({ pattern: '^([Aa][Bb][Oo][Rr][Tt]|[Ww][Aa][Rr][Nn])?$' }),
              labels: stringMap(),
              rules: arr(
                obj(
                  {
                    record: str(),
                    alert: str(),
                    expr: intOrString(),
                    for: str(),
                    keep_firing_for: str({ minLength: 1 }),
                    labels: stringMap(),
                    annotations: stringMap(),
                  },
                  ['expr'],
                ),
              ),
            },
            ['name'],
          ),
          { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
        ),
      }),
    },
    { required: ['spec'] },
  );

export const prometheusOperatorCrds = (): KubeObject[] => [
  defineCrd({
    group: 'monitoring.coreos.com',
    kind: 'ServiceMonitor',
    scope: 'Namespaced',
    shortNames: ['smon'],
    categories: CATEGORIES,
    versions: [{ name: 'v1', schema: serviceMonitorSchema(), columns: [ageColumn()] }],
  }),
  defineCrd({
    group: 'monitoring.coreos.com',
    kind: 'PodMonitor',
    scope: 'Namespaced',
    shortNames: ['pmon'],
    categories: CATEGORIES,
    versions: [{ name: 'v1', schema: podMonitorSchema(), columns: [ageColumn()] }],
  }),
  defineCrd({
    group: 'monitoring.coreos.com',
    kind: 'PrometheusRule',
    scope: 'Namespaced',
    shortNames: ['promrule'],
    categories: CATEGORIES,
    versions: [{ name: 'v1', schema: prometheusRuleSchema(), columns: [ageColumn()] }],
  }),
];
