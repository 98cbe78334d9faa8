// The real kubectl 1.32 against a hub on a free loopback port: every command a user runs daily.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, type TestHub } from '../support/hub.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';

const WIDGET_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg], categories: [all]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Color, type: string, jsonPath: .spec.color}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    schema:
      openAPIV3Schema:
        type: object
        description: A Widget is a test resource.
        properties:
          spec:
            type: object
            description: What the widget should be.
            properties:
              size: {type: integer, minimum: 1, description: How big the widget is.}
              color: {type: string, enum: [red, green, blue]}
              shape: {type: string}
          status:
            type: object
            properties:
              phase: {type: string}
`;

describe('kubectl against the hub', () => {
  let hub: TestHub;
  let kubectl: Kubectl;

  before(async () => {
    hub = await startTestHub();
    kubectl = kubectlFor(hub.kubeconfigPath);
  });
  after(async () => {
    await hub.dispose();
  });

  test('get namespaces lists the default namespaces as a table', async () => {
    const out = await kubectl.ok(['get', 'ns']);
    assert.match(out, /^NAME\s+STATUS\s+AGE/m);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.match(out, new RegExp(`^${ns}\\s+Active\\s+\\d+s`, 'm'));
  });

  test('api-resources lists built-ins and the hub CRDs with short names', async () => {
    const out = await kubectl.ok(['api-resources']);
    assert.match(out, /^configmaps\s+cm\s+v1\s+true\s+ConfigMap/m);
    assert.match(out, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/m);
    assert.match(out, /^customresourcedefinitions\s+crd,crds\s+apiextensions.k8s.io\/v1\s+false\s+CustomResourceDefinition/m);
    assert.match(out, /^propagationpolicies\s+pp\s+policy.karmada.io\/v1alpha1\s+true\s+PropagationPolicy/m);
    assert.match(out, /^fleets\s.*fleet.kurator.dev\/v1alpha1\s+true\s+Fleet/m);
  });

  test('a new CRD is established and served at once', async () => {
    await kubectl.ok(['apply', '-f', '-'], WIDGET_CRD);
    const waited = await kubectl.ok(['wait', '--for', 'condition=established', '--timeout=10s', 'crd/widgets.example.com']);
    assert.match(waited, /customresourcedefinition.apiextensions.k8s.io\/widgets.example.com condition met/);
    const resources = await kubectl.ok(['api-resources', '--api-group=example.com']);
    assert.match(resources, /^widgets\s+wg\s+example.com\/v1\s+true\s+Widget/m);
  });

  test('apply creates, updates and removes a field dropped from the file', async () => {
    const v1 = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  labels: {app: demo}\nspec:\n  size: 3\n  color: red\n  shape: round\n';
    assert.match(await kubectl.ok(['apply', '-f', '-'], v1), /widget.example.com\/w1 created/);
    const v2 = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  labels: {app: demo}\nspec:\n  size: 5\n  color: red\n';
    assert.match(await kubectl.ok(['apply', '-f', '-'], v2), /widget.example.com\/w1 configured/);
    const spec = JSON.parse(await kubectl.ok(['get', 'widget', 'w1', '-o', 'json'])).spec;
    assert.deepEqual(spec, { size: 5, color: 'red' });
    assert.match(await kubectl.ok(['apply', '-f', '-'], v2), /widget.example.com\/w1 unchanged/);
  });

  test('get prints printer columns, yaml, json, label selection and chunks', async () => {
    await kubectl.ok(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2, labels: {app: other}}\nspec: {size: 7, color: blue}\n');
    const table = await kubectl.ok(['get', 'widgets']);
    assert.match(table, /^NAME\s+SIZE\s+COLOR\s+AGE$/m);
    assert.match(table, /^w1\s+5\s+red\s+\d+s$/m);
    assert.match(table, /^w2\s+7\s+blue\s+\d+s$/m);
    const yaml = await kubectl.ok(['get', 'wg', 'w1', '-o', 'yaml']);
    assert.match(yaml, /^kind: Widget$/m);
    assert.match(yaml, /^  resourceVersion: "\d+"$/m);
    assert.match(yaml, /^  uid: [0-9a-f-]{36}$/m);
    const selected = await kubectl.ok(['get', 'widgets', '-l', 'app=demo', '-o', 'name']);
    assert.equal(selected.trim(), 'widget.example.com/w1');
    const notIn = await kubectl.ok(['get', 'widgets', '-l', 'app notin (demo)', '-o', 'name']);
    assert.equal(notIn.trim(), 'widget.example.com/w2');
    const chunked = await kubectl.ok(['get', 'widgets', '--chunk-size=1', '-o', 'name']);
    assert.deepEqual(chunked.trim().split('\n'), ['widget.example.com/w1', 'widget.example.com/w2']);
    const labels = await kubectl.ok(['get', 'widgets', '--show-labels']);
    assert.match(labels, /^w1\s+5\s+red\s+\S+\s+app=demo$/m);
  });

  test('get -w shows ADDED, MODIFIED and DELETED as they happen', async () => {
    const watch = kubectl.spawn(['get', 'widgets', '-w', '--output-watch-events']);
    try {
      await watch.waitFor(/ADDED\s+w1/);
      await kubectl.ok(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w-watch}\nspec: {size: 1}\n');
      await watch.waitFor(/ADDED\s+w-watch\s+1/);
      await kubectl.ok(['patch', 'widget', 'w-watch', '--type', 'merge', '-p', '{"spec":{"size":12}}']);
      await watch.waitFor(/MODIFIED\s+w-watch\s+12/);
      await kubectl.ok(['delete', 'widget', 'w-watch']);
      await watch.waitFor(/DELETED\s+w-watch/);
    } finally {
      watch.child.kill();
    }
  });

  test('patch: merge, json (with test op), strategic on a built-in, 415 on a CRD', async () => {
    await kubectl.ok(['patch', 'widget', 'w1', '--type', 'merge', '-p', '{"spec":{"color":"blue"}}']);
    await kubectl.ok(['patch', 'widget', 'w1', '--type', 'json', '-p', '[{"op":"test","path":"/spec/size","value":5},{"op":"replace","path":"/spec/size","value":9}]']);
    const spec = JSON.parse(await kubectl.ok(['get', 'widget', 'w1', '-o', 'json'])).spec;
    assert.deepEqual(spec, { size: 9, color: 'blue' });
    const failedTest = await kubectl(['patch', 'widget', 'w1', '--type', 'json', '-p', '[{"op":"test","path":"/spec/size","value":1}]']);
    assert.notEqual(failedTest.code, 0);
    const strategicOnCrd = await kubectl(['patch', 'widget', 'w1', '-p', '{"spec":{"color":"green"}}']);
    assert.notEqual(strategicOnCrd.code, 0);
    assert.match(strategicOnCrd.stderr, /application\/strategic-merge-patch\+json is not supported/);

    await kubectl.ok(['create', 'deployment', 'web', '--image=nginx:1.25']);
    await kubectl.ok(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}']);
    const containers = JSON.parse(await kubectl.ok(['get', 'deploy', 'web', '-o', 'json'])).spec.template.spec.containers.map((c: { name: string }) => c.name);
    assert.deepEqual(containers, ['sidecar', 'nginx'], 'strategic merge puts new list items first, as kube-apiserver does');
  });

  test('server-side apply reports a conflict and takes ownership with --force-conflicts', async () => {
    const manifest = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 4}\n';
    const conflict = await kubectl(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], manifest);
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl-(client-side-apply|patch)"/);
    assert.match(conflict.stderr, /\.spec\.size/);
    assert.match(conflict.stderr, /--force-conflicts/);
    await kubectl.ok(['apply', '--server-side', '--field-manager=team-b', '--force-conflicts', '-f', '-'], manifest);
    const live = JSON.parse(await kubectl.ok(['get', 'widget', 'w1', '-o', 'json', '--show-managed-fields']));
    assert.equal(live.spec.size, 4);
    const owner = live.metadata.managedFields.find((m: { manager: string }) => m.manager === 'team-b');
    assert.equal(owner.operation, 'Apply');
    assert.ok(owner.fieldsV1['f:spec']['f:size']);
  });

  test('describe shows the object and its events', async () => {
    const widget = JSON.parse(await kubectl.ok(['get', 'widget', 'w1', '-o', 'json']));
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'w1.resized', namespace: 'default' },
      involvedObject: { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w1', namespace: 'default', uid: widget.metadata.uid },
      reason: 'Resized',
      message: 'widget grew to 4',
      type: 'Normal',
      source: { component: 'widget-controller' },
      count: 1,
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    await kubectl.ok(['create', '-f', '-'], JSON.stringify(event));
    const out = await kubectl.ok(['describe', 'widget', 'w1']);
    assert.match(out, /^Name:\s+w1$/m);
    assert.match(out, /^Kind:\s+Widget$/m);
    assert.match(out, /Normal\s+Resized\s+\S+\s+widget-controller\s+widget grew to 4/);
    const events = await kubectl.ok(['get', 'events']);
    assert.match(events, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
    assert.match(events, /^\S+\s+Normal\s+Resized\s+widget\/w1\s+widget grew to 4$/m);
  });

  test('explain reads the schema of built-ins and CRDs', async () => {
    const widget = await kubectl.ok(['explain', 'widgets.spec']);
    assert.match(widget, /KIND:\s+Widget/);
    assert.match(widget, /size\s+<integer>/);
    assert.match(widget, /How big the widget is\./);
    const deployment = await kubectl.ok(['explain', 'deployment.spec.replicas']);
    assert.match(deployment, /KIND:\s+Deployment/);
    assert.match(deployment, /replicas\s+<integer>/);
  });

  test('invalid objects get 422 with every field cause', async () => {
    const bad = await kubectl(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: bad}\nspec: {size: 0, color: purple}\n');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /The Widget "bad" is invalid/);
    assert.match(bad.stderr, /spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1/);
    assert.match(bad.stderr, /spec.color: Unsupported value: "purple": supported values: "red", "green", "blue"/);
    const unknown = await kubectl(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: bad}\nspec: {size: 2, weight: 3}\n');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown field "spec.weight"/);
  });

  test('container resources are checked as kube-apiserver checks them, in pods and in every kind with a pod template', async () => {
    const pod = await kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: typo}\nspec:\n  containers:\n  - {name: c, image: nginx, resources: {requests: {cpus: "1", memory: 2Gi}, limits: {memory: 1Gi}}}\n');
    assert.equal(pod.code, 1);
    assert.match(pod.stderr, /The Pod "typo" is invalid/);
    assert.match(pod.stderr, /spec.containers\[0\].resources.requests\[cpus\]: Invalid value: "cpus": must be a standard resource for containers/);
    assert.match(pod.stderr, /spec.containers\[0\].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi/);
    const gpuWithoutLimit = (kind: string, apiVersion: string, podSpecIndent: string, wrap: (spec: string) => string): string =>
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: gpu}\nspec:\n${wrap(`${podSpecIndent}containers:\n${podSpecIndent}- {name: c, image: trainer, resources: {requests: {example.com/gpu: 1}}}\n`)}`;
    const template = (spec: string): string => '  selector: {matchLabels: {app: gpu}}\n  template:\n    metadata: {labels: {app: gpu}}\n    spec:\n' + spec;
    for (const [kind, apiVersion, path] of [['Deployment', 'apps/v1', 'spec.template.spec'], ['DaemonSet', 'apps/v1', 'spec.template.spec'], ['StatefulSet', 'apps/v1', 'spec.template.spec']] as const) {
      const refused = await kubectl(['apply', '-f', '-'], gpuWithoutLimit(kind, apiVersion, '      ', template));
      assert.equal(refused.code, 1, kind);
      assert.match(refused.stderr, new RegExp(`The ${kind} "gpu" is invalid: ${path.replaceAll('.', '\\.')}\\.containers\\[0\\]\\.resources\\.limits: Required value: Limit must be set for non overcommitable resources`));
    }
    const jobTemplate = (spec: string): string => '  template:\n    spec:\n      restartPolicy: Never\n' + spec;
    const job = await kubectl(['apply', '-f', '-'], gpuWithoutLimit('Job', 'batch/v1', '      ', jobTemplate));
    assert.match(job.stderr, /The Job "gpu" is invalid: spec.template.spec.containers\[0\].resources.limits: Required value/);
    const cronTemplate = (spec: string): string => '  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n' + spec;
    const cron = await kubectl(['apply', '-f', '-'], gpuWithoutLimit('CronJob', 'batch/v1', '          ', cronTemplate));
    assert.match(cron.stderr, /The CronJob "gpu" is invalid: spec.jobTemplate.spec.template.spec.containers\[0\].resources.limits: Required value/);
    // Requested as kube wants: equal to a whole limit.
    await kubectl.ok(['apply', '-f', '-'], gpuWithoutLimit('Deployment', 'apps/v1', '      ', template).replace('requests: {example.com/gpu: 1}', 'requests: {example.com/gpu: 1}, limits: {example.com/gpu: 1}'));
    assert.equal(await kubectl.ok(['get', 'deploy', 'gpu', '-o', 'jsonpath={.spec.template.spec.containers[0].resources.limits}']), '{"example.com/gpu":"1"}');
    await kubectl.ok(['delete', 'deploy', 'gpu']);
  });

  test('workloads, pods and Services get the checks kube-apiserver makes of them', async () => {
    const deployment = (selector: string, labels: string, extra = ''): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: checked}\nspec:\n  selector: {matchLabels: ${selector}}\n  template:\n    metadata: {labels: ${labels}}\n    spec:\n${extra}      containers:\n      - {name: web, image: nginx, ports: [{name: http, containerPort: 80}]}\n`;
    const mismatch = await kubectl(['apply', '-f', '-'], deployment('{app: web}', '{app: api}'));
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.stderr, /The Deployment "checked" is invalid: spec.template.metadata.labels: Invalid value: map\[string\]string\{"app":"api"\}: `selector` does not match template `labels`/);
    const empty = await kubectl(['apply', '-f', '-'], deployment('{}', '{app: web}'));
    assert.match(empty.stderr, /spec.selector: Invalid value: .*: empty selector is invalid for deployment/);
    const never = await kubectl(['apply', '-f', '-'], deployment('{app: web}', '{app: web}', '      restartPolicy: Never\n'));
    assert.match(never.stderr, /spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"/);
    const noImage = await kubectl(['apply', '-f', '-'], deployment('{app: web}', '{app: web}').replace('image: nginx, ports: [{name: http, containerPort: 80}]', 'ports: [{name: HTTP, containerPort: 70000}]'));
    assert.match(noImage.stderr, /spec.template.spec.containers\[0\].image: Required value/);
    assert.match(noImage.stderr, /spec.template.spec.containers\[0\].ports\[0\].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive/);
    assert.match(noImage.stderr, /spec.template.spec.containers\[0\].ports\[0\].name: Invalid value: "HTTP"/);
    const stuck = await kubectl(['apply', '-f', '-'], deployment('{app: web}', '{app: web}').replace('spec:\n  selector', 'spec:\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}\n  selector'));
    assert.match(stuck.stderr, /spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString\{Type:0, IntVal:0, StrVal:""\}: may not be 0 when `maxSurge` is 0/);
    await kubectl.ok(['apply', '-f', '-'], deployment('{app: web}', '{app: web, tier: front}'));
    const pod = await kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: checked}\nspec:\n  volumes: [{name: cache, emptyDir: {}}]\n  containers:\n  - {name: Web, image: nginx, volumeMounts: [{name: data, mountPath: /data}]}\n');
    assert.match(pod.stderr, /The Pod "checked" is invalid/);
    assert.match(pod.stderr, /spec.containers\[0\].name: Invalid value: "Web": a lowercase RFC 1123 label/);
    assert.match(pod.stderr, /spec.containers\[0\].volumeMounts\[0\].name: Not found: "data"/);
    const job = await kubectl(['apply', '-f', '-'], 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: checked}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: busybox}\n');
    assert.match(job.stderr, /The Job "checked" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"/);
    const ownSelector = await kubectl(['apply', '-f', '-'], 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: checked}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: busybox}\n');
    assert.match(ownSelector.stderr, /spec.selector: Invalid value: v1.LabelSelector\{MatchLabels:map\[string\]string\{"app":"x", "batch.kubernetes.io\/controller-uid":"[-0-9a-f]+"\}, .*\}: `selector` not auto-generated/);
    const service = await kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Service\nmetadata: {name: checked}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}, {name: metrics, port: 70000}]\n');
    assert.match(service.stderr, /The Service "checked" is invalid/);
    assert.match(service.stderr, /spec.ports\[0\].name: Required value/);
    assert.match(service.stderr, /spec.ports\[1\].port: Invalid value: 70000: must be between 1 and 65535, inclusive/);
    await kubectl.ok(['apply', '-f', '-'], 'apiVersion: v1\nkind: Service\nmetadata: {name: checked}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}, {name: metrics, port: 9090}]\n');
    await kubectl.ok(['delete', 'deploy/checked', 'service/checked']);
    // NodePort Services get node ports, as `kubectl get svc` shows them; a taken one is refused.
    await kubectl.ok(['create', 'service', 'nodeport', 'exposed', '--tcp=80:8080']);
    const row = await kubectl.ok(['get', 'service', 'exposed', '--no-headers']);
    const nodePort = Number(/80:(\d+)\/TCP/.exec(row)?.[1]);
    assert.ok(nodePort >= 30000 && nodePort <= 32767, row);
    assert.equal(await kubectl.ok(['get', 'service', 'exposed', '-o', 'jsonpath={.spec.externalTrafficPolicy} {.spec.ipFamilyPolicy}']), 'Cluster SingleStack');
    const taken = await kubectl(['apply', '-f', '-'], `apiVersion: v1\nkind: Service\nmetadata: {name: taken}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: ${nodePort}}]\n`);
    assert.match(taken.stderr, new RegExp(`spec.ports\\[0\\].nodePort: Invalid value: ${nodePort}: provided port is already allocated`));
    await kubectl.ok(['patch', 'service', 'exposed', '-p', '{"spec":{"type":"ClusterIP"}}']);
    assert.equal(await kubectl.ok(['get', 'service', 'exposed', '-o', 'jsonpath={.spec.ports[0].nodePort}{.spec.externalTrafficPolicy}']), '', 'turned ClusterIP, it gives its node port back');
    await kubectl.ok(['delete', 'service', 'exposed']);
  });

  test('quantities of built-in kinds are stored in canonical text, as kube-apiserver stores them', async () => {
    const file = 'apiVersion: v1\nkind: Pod\nmetadata: {name: sizes}\nspec:\n  overhead: {cpu: 0.25}\n  containers:\n  - {name: c, image: nginx, resources: {requests: {cpu: 0.5, memory: 1.5Gi}, limits: {cpu: 1000m, memory: 2048Mi}}}\n';
    await kubectl.ok(['apply', '--server-side', '-f', '-'], file);
    const resources = JSON.parse(await kubectl.ok(['get', 'pod', 'sizes', '-o', 'jsonpath={.spec.containers[0].resources}'])) as unknown;
    assert.deepEqual(resources, { requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1', memory: '2Gi' } });
    assert.equal(await kubectl.ok(['get', 'pod', 'sizes', '-o', 'jsonpath={.spec.overhead.cpu} {.status.qosClass}']), '250m Burstable');
    // The same file applied again means the same object: nothing is written (a second later, so that a
    // change would carry a new managedFields time and could not pass for the stored object).
    const before = await kubectl.ok(['get', 'pod', 'sizes', '-o', 'jsonpath={.metadata.resourceVersion}']);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await kubectl.ok(['apply', '--server-side', '-f', '-'], file);
    assert.equal(await kubectl.ok(['get', 'pod', 'sizes', '-o', 'jsonpath={.metadata.resourceVersion}']), before);
    await kubectl.ok(['delete', 'pod', 'sizes']);
    // Created (not applied), in a pod template.
    await kubectl.ok(['create', '-f', '-'], 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: sizes}\nspec:\n  selector: {matchLabels: {app: sizes}}\n  template:\n    metadata: {labels: {app: sizes}}\n    spec:\n      containers:\n      - {name: c, image: nginx, resources: {requests: {cpu: 0.25, memory: 1073741824}}}\n');
    assert.equal(await kubectl.ok(['get', 'deploy', 'sizes', '-o', 'jsonpath={.spec.template.spec.containers[0].resources.requests}']), '{"cpu":"250m","memory":"1073741824"}');
    await kubectl.ok(['delete', 'deploy', 'sizes']);
  });

  test('a tightened schema leaves objects stored under the old one writable where they do not change (ratcheting)', async () => {
    const crd = (minimum: number) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        required: [spec]
        properties:
          spec: {type: object, properties: {size: {type: integer, minimum: ${minimum}}}}
          status: {type: object, properties: {phase: {type: string}}}
`;
    await kubectl.ok(['apply', '-f', '-'], crd(1));
    await kubectl.ok(['wait', '--for', 'condition=established', '--timeout=10s', 'crd/gadgets.example.com']);
    await kubectl.ok(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {size: 2}\n');
    await kubectl.ok(['apply', '-f', '-'], crd(5));
    // The stored spec (size 2) no longer validates, but a status write does not touch it.
    await kubectl.ok(['patch', 'gadget', 'g1', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Ready"}}']);
    assert.equal(await kubectl.ok(['get', 'gadget', 'g1', '-o', 'jsonpath={.status.phase} {.spec.size}']), 'Ready 2');
    const changed = await kubectl(['patch', 'gadget', 'g1', '--type=merge', '-p', '{"spec":{"size":3}}']);
    assert.equal(changed.code, 1);
    assert.match(changed.stderr, /spec.size: Invalid value: 3: spec.size in body should be greater than or equal to 5/);
  });

  test('delete waits for finalizers and completes when they are removed', async () => {
    await kubectl.ok(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w3, finalizers: [example.com/hold]}\nspec: {size: 2}\n');
    const deleting = await kubectl.ok(['delete', 'widget', 'w3', '--wait=false']);
    assert.match(deleting, /widget.example.com "w3" deleted/);
    const held = JSON.parse(await kubectl.ok(['get', 'widget', 'w3', '-o', 'json']));
    assert.ok(held.metadata.deletionTimestamp, 'deletionTimestamp is set while the finalizer remains');
    const waiter = kubectl(['wait', '--for=delete', 'widget/w3', '--timeout=20s']);
    await kubectl.ok(['patch', 'widget', 'w3', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    const waited = await waiter;
    assert.equal(waited.code, 0, waited.stderr);
    const gone = await kubectl(['get', 'widget', 'w3']);
    assert.match(gone.stderr, /NotFound.*widgets.example.com "w3" not found/);
  });

  test('kubectl create subcommands (sent as protobuf) create what they say', async () => {
    const created = [
      ['create', 'namespace', 'team-a'],
      ['create', 'configmap', 'settings', '--from-literal=mode=fast', '-n', 'team-a'],
      ['create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret', '-n', 'team-a'],
      ['create', 'service', 'clusterip', 'api', '--tcp=80:8080', '-n', 'team-a'],
      ['create', 'deployment', 'idle', '--image=nginx:1.25', '--replicas=0', '-n', 'team-a'],
      ['create', 'job', 'once', '--image=busybox', '-n', 'team-a'],
      ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '-n', 'team-a'],
      ['create', 'serviceaccount', 'robot', '-n', 'team-a'],
    ];
    for (const args of created) assert.match(await kubectl.ok(args), / created$/m, args.join(' '));
    assert.equal(await kubectl.ok(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'jsonpath={.data.mode}']), 'fast');
    assert.equal(Buffer.from(await kubectl.ok(['get', 'secret', 'creds', '-n', 'team-a', '-o', 'jsonpath={.data.password}']), 'base64').toString(), 's3cret');
    assert.equal(await kubectl.ok(['get', 'deploy', 'idle', '-n', 'team-a', '-o', 'jsonpath={.spec.replicas}']), '0', 'replicas 0 survives decoding');
    const svc = JSON.parse(await kubectl.ok(['get', 'svc', 'api', '-n', 'team-a', '-o', 'json']));
    assert.deepEqual(svc.spec.ports.map((p: { port: number; targetPort: number }) => [p.port, p.targetPort]), [[80, 8080]]);
    assert.match(await kubectl.ok(['get', 'cronjob', '-n', 'team-a']), /^tick\s+\*\/5 \* \* \* \*/m);
  });

  test('replace with a stale resourceVersion is a conflict; create of an existing object is AlreadyExists', async () => {
    const live = JSON.parse(await kubectl.ok(['get', 'widget', 'w2', '-o', 'json']));
    await kubectl.ok(['patch', 'widget', 'w2', '--type', 'merge', '-p', '{"spec":{"size":8}}']);
    live.spec.size = 10;
    const stale = await kubectl(['replace', '-f', '-'], JSON.stringify(live));
    assert.match(stale.stderr, /Operation cannot be fulfilled on widgets.example.com "w2": the object has been modified; please apply your changes to the latest version and try again/);
    const again = await kubectl(['create', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\nspec: {size: 1}\n');
    assert.match(again.stderr, /AlreadyExists.*widgets.example.com "w2" already exists/);
  });
});
