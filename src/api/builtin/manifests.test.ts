// Real manifests must pass the schemas untouched: no field may be unknown (it would be pruned) and
// every value must have the declared type. A tiny checker stands in for the server's validator here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import { isPlainObject } from '../../machinery/object.js';
import { builtinKinds } from './index.js';

function problems(schema: JSONSchemaProps, value: unknown, path: string, out: string[]): void {
  // A null is either allowed (nullable) or dropped by the server before validation, as Go decoding
  // drops it; neither loses data the user meant.
  if (value === null) return;
  if (schema['x-kubernetes-int-or-string']) {
    if (typeof value !== 'number' && typeof value !== 'string') out.push(`${path}: not an int or string`);
    else if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) out.push(`${path}: bad format`);
    return;
  }
  if (schema['x-kubernetes-preserve-unknown-fields']) return;
  switch (schema.type) {
    case 'object': {
      if (!isPlainObject(value)) return void out.push(`${path}: not an object`);
      for (const [key, child] of Object.entries(value)) {
        if (path === '' && key === 'metadata') continue;
        const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        if (!childSchema) out.push(`${path}.${key}: unknown field`);
        else problems(childSchema, child, `${path}.${key}`, out);
      }
      for (const required of schema.required ?? []) if (!(required in value)) out.push(`${path}.${required}: required`);
      return;
    }
    case 'array':
      if (!Array.isArray(value)) return void out.push(`${path}: not an array`);
      value.forEach((item, i) => problems(schema.items!, item, `${path}[${i}]`, out));
      return;
    case 'string':
      if (typeof value !== 'string') out.push(`${path}: not a string`);
      else if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: ${value} not one of ${schema.enum.join(', ')}`);
      return;
    case 'integer':
      if (!Number.isInteger(value)) out.push(`${path}: not an integer`);
      return;
    case 'number':
      if (typeof value !== 'number') out.push(`${path}: not a number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${path}: not a boolean`);
      return;
  }
}

/** Problems of each built-in object in a YAML stream; other kinds are skipped. */
function check(yamlText: string): { kind: string; problems: string[] }[] {
  const results: { kind: string; problems: string[] }[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    const object: unknown = document.toJS();
    if (!isPlainObject(object) || typeof object.apiVersion !== 'string') continue;
    const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
    const definition = builtinKinds.find((d) => d.group === group && d.kind === object.kind);
    const kindVersion = definition?.versions.find((v) => v.name === version);
    if (!kindVersion) continue;
    const out: string[] = [];
    problems(kindVersion.schema, object, '', out);
    results.push({ kind: `${object.apiVersion} ${String(object.kind)}`, problems: out });
  }
  return results;
}

test('the checker itself reports unknown fields, wrong types and bad quantities', () => {
  const [result] = check(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    imagePullPolicy: Sometimes
    ports: [{containerPort: "80"}]
    resources: {limits: {cpu: lots}}
    bogus: true
`);
  assert.deepEqual(result?.problems, [
    '.spec.containers[0].imagePullPolicy: Sometimes not one of Always, IfNotPresent, Never',
    '.spec.containers[0].ports[0].containerPort: not an integer',
    '.spec.containers[0].resources.limits.cpu: bad format',
    '.spec.containers[0].bogus: unknown field',
  ]);
});

test('the built-in objects of the shared corpus pass untouched', () => {
  const root = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
  assert.ok(existsSync(root), `corpus at ${root}`);
  const files: string[] = [];
  const collect = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) collect(path);
      else if (/\.ya?ml$/.test(entry.name)) files.push(path);
    }
  };
  collect(root);
  let checked = 0;
  for (const file of files) {
    for (const result of check(readFileSync(file, 'utf8'))) {
      checked++;
      assert.deepEqual(result.problems, [], `${file}: ${result.kind}`);
    }
  }
  assert.ok(checked >= 10, `checked ${checked} built-in objects`);
});

test('a fully featured workload, service, ingress and CRD pass untouched', () => {
  const results = check(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}, matchExpressions: [{key: tier, operator: In, values: [front]}]}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
  template:
    metadata:
      creationTimestamp: null
      labels: {app: web, tier: front}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      serviceAccountName: web
      securityContext: {runAsNonRoot: true, fsGroup: 2000, seccompProfile: {type: RuntimeDefault}}
      initContainers:
      - name: migrate
        image: shop/migrate:1.2
        command: [/bin/migrate, --up]
      - name: proxy
        image: envoyproxy/envoy:v1.30
        restartPolicy: Always
      containers:
      - name: app
        image: shop/web:1.2
        imagePullPolicy: IfNotPresent
        args: [--port=8080]
        ports: [{name: http, containerPort: 8080, protocol: TCP}]
        env:
        - {name: MODE, value: production}
        - name: POD_IP
          valueFrom: {fieldRef: {fieldPath: status.podIP}}
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - name: CPU_LIMIT
          valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}
        envFrom: [{configMapRef: {name: web-config}, prefix: CFG_}]
        resources:
          requests: {cpu: 250m, memory: 128Mi}
          limits: {cpu: "1", memory: 1Gi, nvidia.com/gpu: 1}
        livenessProbe: {httpGet: {path: /healthz, port: http}, initialDelaySeconds: 5, periodSeconds: 10}
        readinessProbe: {tcpSocket: {port: 8080}, failureThreshold: 3}
        startupProbe: {exec: {command: [cat, /tmp/ready]}, failureThreshold: 30}
        lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        volumeMounts:
        - {name: config, mountPath: /etc/web, readOnly: true}
        - {name: cache, mountPath: /var/cache}
        - {name: token, mountPath: /var/run/token}
      volumes:
      - name: config
        configMap: {name: web-config, items: [{key: app.yaml, path: app.yaml}], defaultMode: 0644}
      - name: cache
        emptyDir: {sizeLimit: 1Gi, medium: Memory}
      - name: token
        projected: {sources: [{serviceAccountToken: {path: token, audience: vault, expirationSeconds: 600}}]}
      - name: data
        persistentVolumeClaim: {claimName: data}
      - name: secret
        secret: {secretName: tls, optional: true}
      - name: legacy
        awsElasticBlockStore: {volumeID: vol-1, fsType: ext4}
      nodeSelector: {kubernetes.io/os: linux}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [a, b]}]}]
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}
      tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule, tolerationSeconds: 300}]
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      imagePullSecrets: [{name: registry}]
      priorityClassName: high
      terminationGracePeriodSeconds: 45
      dnsConfig: {options: [{name: ndots, value: "2"}]}
      hostAliases: [{ip: 10.0.0.5, hostnames: [db.local]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http, protocol: TCP}
  - {name: https, port: 443, targetPort: 8443, nodePort: 30443}
  externalTrafficPolicy: Local
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 600}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  timeZone: Europe/Paris
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      ttlSecondsAfterFinished: 3600
      podFailurePolicy: {rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]}
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: shop/report:1}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 20
  metrics:
  - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}
  - {type: Pods, pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: 100m}}}
  behavior: {scaleDown: {stabilizationWindowSeconds: 300, policies: [{type: Percent, value: 50, periodSeconds: 60}]}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres:16, volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], storageClassName: fast, resources: {requests: {storage: 10Gi}}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg], categories: [all]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    additionalPrinterColumns:
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    selectableFields: [{jsonPath: .spec.color}]
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer, default: 1}
              color: {type: string, enum: [red, blue]}
            x-kubernetes-validations: [{rule: "self.replicas < 10"}]
`);
  assert.equal(results.length, 7);
  for (const result of results) assert.deepEqual(result.problems, [], result.kind);
});
