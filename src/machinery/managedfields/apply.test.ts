import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors.js';
import type { KubeObject, ManagedFieldsEntry } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { deployment, deploymentSchema, entry, liveWidget, widget, WIDGET_API_VERSION, widgetSchema } from './fixtures.js';
import { ApplyConflictError, LAST_APPLIED_ANNOTATION, serverSideApply } from './index.js';

const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-02-01T00:00:00Z';
const T2 = '2024-03-01T00:00:00Z';

interface ApplyStep {
  manager: string;
  applied: KubeObject;
  force?: boolean;
  subresource?: string;
  now?: string;
}

function apply(live: KubeObject | undefined, step: ApplyStep, schema: JSONSchemaProps = widgetSchema, apiVersion = WIDGET_API_VERSION): KubeObject {
  const args = { live, applied: step.applied, manager: step.manager, force: step.force ?? false, schema, apiVersion, now: step.now ?? T1 };
  return serverSideApply(step.subresource ? { ...args, subresource: step.subresource } : args);
}

const fieldsOf = (obj: KubeObject) =>
  Object.fromEntries((obj.metadata.managedFields ?? []).map((e) => [`${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`, JSON.stringify(e.fieldsV1)]));

const createdSpec = { size: 3, color: 'red', items: [{ name: 'a', value: '1' }], tags: ['x', 'y'], blob: [{ a: '1' }] };
const created = apply(undefined, { manager: 'kubectl', applied: widget(createdSpec, { labels: { app: 'demo' } }), now: T0 });

test('create via apply: the object is the configuration, owned by one Apply entry', () => {
  const expected: ManagedFieldsEntry[] = [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: WIDGET_API_VERSION,
      time: T0,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:blob': {},
          'f:color': {},
          'f:items': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
          'f:size': {},
          'f:tags': { 'v:"x"': {}, 'v:"y"': {} },
        },
      },
    },
  ];
  assert.deepEqual(created, { ...widget(createdSpec, { labels: { app: 'demo' } }), metadata: { ...widget({}, { labels: { app: 'demo' } }).metadata, managedFields: expected } });
  assert.equal(JSON.stringify(created.metadata.managedFields), JSON.stringify(expected));
});

test('re-applying the same configuration changes nothing, not even the entry time', () => {
  const again = apply(created, { manager: 'kubectl', applied: widget(createdSpec, { labels: { app: 'demo' } }), now: T2 });
  assert.deepEqual(again, created);
});

interface Case {
  name: string;
  live: KubeObject;
  steps: ApplyStep[];
  spec?: unknown;
  fields?: Record<string, unknown>;
  error?: string;
}

const cases: Case[] = [
  {
    name: 'dropping fields, list-map items and set items removes them',
    live: created,
    steps: [{ manager: 'kubectl', applied: widget({ size: 3, items: [{ name: 'b' }], tags: ['x'], blob: [{ a: '1' }] }, { labels: { app: 'demo' } }) }],
    spec: { size: 3, items: [{ name: 'b' }], tags: ['x'], blob: [{ a: '1' }] },
    fields: {
      'kubectl/Apply': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:blob': {}, 'f:items': { 'k:{"name":"b"}': { '.': {}, 'f:name': {} } }, 'f:size': {}, 'f:tags': { 'v:"x"': {} } } },
    },
  },
  {
    name: 'dropping a field another applier also owns keeps it and releases it',
    live: liveWidget({ size: 3, color: 'red' }, [entry('m1', 'Apply', { 'f:spec': { 'f:color': {}, 'f:size': {} } }), entry('m2', 'Apply', { 'f:spec': { 'f:color': {} } })]),
    steps: [{ manager: 'm1', applied: widget({ size: 3 }) }],
    spec: { size: 3, color: 'red' },
    fields: { 'm1/Apply': { 'f:spec': { 'f:size': {} } }, 'm2/Apply': { 'f:spec': { 'f:color': {} } } },
  },
  {
    name: 'dropping a field an updater also owns keeps it',
    live: liveWidget({ size: 3, color: 'red' }, [entry('m1', 'Apply', { 'f:spec': { 'f:color': {}, 'f:size': {} } }), entry('kubectl-edit', 'Update', { 'f:spec': { 'f:color': {} } })]),
    steps: [{ manager: 'm1', applied: widget({ size: 3 }) }],
    spec: { size: 3, color: 'red' },
    fields: { 'm1/Apply': { 'f:spec': { 'f:size': {} } }, 'kubectl-edit/Update': { 'f:spec': { 'f:color': {} } } },
  },
  {
    name: 'conflict with a client-side-apply Update owner',
    live: liveWidget({ size: 3 }, [entry('kubectl-client-side-apply', 'Update', { 'f:spec': { '.': {}, 'f:size': {} } })]),
    steps: [{ manager: 'kubectl', applied: widget({ size: 5 }) }],
    error: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using example.com/v1: .spec.size',
  },
  {
    name: 'applying the value another manager set shares the field instead of conflicting',
    live: liveWidget({ size: 3 }, [entry('kubectl-client-side-apply', 'Update', { 'f:spec': { '.': {}, 'f:size': {} } })]),
    steps: [{ manager: 'kubectl', applied: widget({ size: 3 }) }],
    spec: { size: 3 },
    fields: { 'kubectl/Apply': { 'f:spec': { 'f:size': {} } }, 'kubectl-client-side-apply/Update': { 'f:spec': { '.': {}, 'f:size': {} } } },
  },
  {
    name: 'several conflicts with one manager are listed under it',
    live: liveWidget({ size: 3, color: 'red' }, [entry('ctrl', 'Update', { 'f:spec': { 'f:color': {}, 'f:size': {} } })]),
    steps: [{ manager: 'me', applied: widget({ size: 5, color: 'blue' }) }],
    error: 'Apply failed with 2 conflicts: conflicts with "ctrl" using example.com/v1:\n- .spec.color\n- .spec.size',
  },
  {
    name: 'conflicts with several managers are grouped, appliers named without apiVersion',
    live: liveWidget({ size: 3, color: 'red' }, [entry('ctrl', 'Update', { 'f:spec': { 'f:size': {} } }), entry('other', 'Apply', { 'f:spec': { 'f:color': {} } })]),
    steps: [{ manager: 'me', applied: widget({ size: 5, color: 'blue' }) }],
    error: 'Apply failed with 2 conflicts: conflicts with "ctrl" using example.com/v1:\n- .spec.size\nconflicts with "other":\n- .spec.color',
  },
  {
    name: 'conflict with a status-subresource owner names the subresource',
    live: liveWidget({ size: 3 }, [{ ...entry('ctrl', 'Apply', { 'f:status': { 'f:phase': {} } }), subresource: 'status' }], {}),
    steps: [{ manager: 'me', subresource: 'status', applied: { ...widget({}), status: { phase: 'Failed' } } }],
    error: 'Apply failed with 1 conflict: conflict with "ctrl" with subresource "status": .status.phase',
  },
  {
    name: 'force takes the fields; the loser keeps the rest',
    live: liveWidget({ size: 3, color: 'red' }, [entry('kubectl-client-side-apply', 'Update', { 'f:spec': { '.': {}, 'f:color': {}, 'f:size': {} } })]),
    steps: [{ manager: 'kubectl', force: true, applied: widget({ size: 5 }) }],
    spec: { size: 5, color: 'red' },
    fields: { 'kubectl/Apply': { 'f:spec': { 'f:size': {} } }, 'kubectl-client-side-apply/Update': { 'f:spec': { '.': {}, 'f:color': {} } } },
  },
  {
    name: 'force drops an entry left with nothing',
    live: liveWidget({ size: 3 }, [entry('ctrl', 'Update', { 'f:spec': { 'f:size': {} } })]),
    steps: [{ manager: 'me', force: true, applied: widget({ size: 5 }) }],
    spec: { size: 5 },
    fields: { 'me/Apply': { 'f:spec': { 'f:size': {} } } },
  },
  {
    name: 'two appliers own different list-map items',
    live: liveWidget({ items: [{ name: 'a', value: '1' }] }, [entry('m1', 'Apply', { 'f:spec': { 'f:items': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } })]),
    steps: [{ manager: 'm2', applied: widget({ items: [{ name: 'b', value: '2' }] }) }],
    spec: { items: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] },
    fields: {
      'm1/Apply': { 'f:spec': { 'f:items': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } },
      'm2/Apply': { 'f:spec': { 'f:items': { 'k:{"name":"b"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } },
    },
  },
  {
    name: 'an applier dropping its list-map item leaves the other applier\'s item',
    live: liveWidget({ items: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] }, [
      entry('m1', 'Apply', { 'f:spec': { 'f:items': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } }),
      entry('m2', 'Apply', { 'f:spec': { 'f:items': { 'k:{"name":"b"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } }),
    ]),
    steps: [{ manager: 'm1', applied: widget({ items: [] }) }],
    spec: { items: [{ name: 'b', value: '2' }] },
    fields: { 'm2/Apply': { 'f:spec': { 'f:items': { 'k:{"name":"b"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } } },
  },
  {
    name: 'changing a field inside another applier\'s list-map item conflicts',
    live: liveWidget({ items: [{ name: 'a', value: '1' }] }, [entry('m1', 'Apply', { 'f:spec': { 'f:items': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } })]),
    steps: [{ manager: 'm2', applied: widget({ items: [{ name: 'a', value: '9' }] }) }],
    error: 'Apply failed with 1 conflict: conflict with "m1": .spec.items[name="a"].value',
  },
  {
    name: 'the atomic list is replaced whole and owned as one field',
    live: liveWidget({ blob: [{ a: '1' }, { a: '2' }] }, [entry('m1', 'Apply', { 'f:spec': { 'f:blob': {} } })]),
    steps: [{ manager: 'm1', applied: widget({ blob: [{ a: '3' }] }) }],
    spec: { blob: [{ a: '3' }] },
    fields: { 'm1/Apply': { 'f:spec': { 'f:blob': {} } } },
  },
  {
    name: 'fields set before tracking started belong to before-first-apply',
    live: liveWidget({ size: 3, color: 'red' }),
    steps: [{ manager: 'me', applied: widget({ size: 5 }) }],
    error: 'Apply failed with 1 conflict: conflict with "before-first-apply" using example.com/v1: .spec.size',
  },
  {
    name: 'the main resource does not own status',
    live: liveWidget({ size: 3 }, [entry('m1', 'Apply', { 'f:spec': { 'f:size': {} } })]),
    steps: [{ manager: 'm1', applied: { ...widget({ size: 3 }), status: { phase: 'x' } } }],
    fields: { 'm1/Apply': { 'f:spec': { 'f:size': {} } } },
  },
  {
    name: 'a status apply is its own entry',
    live: liveWidget({ size: 3 }, [entry('m1', 'Apply', { 'f:spec': { 'f:size': {} } })]),
    steps: [{ manager: 'ctrl', subresource: 'status', applied: { ...widget({}), status: { phase: 'Ready' } } }],
    fields: { 'm1/Apply': { 'f:spec': { 'f:size': {} } }, 'ctrl/Apply/status': { 'f:status': { 'f:phase': {} } } },
  },
];

for (const c of cases) {
  test(`apply: ${c.name}`, () => {
    let obj = c.live;
    const run = () => {
      for (const step of c.steps) obj = apply(obj, step);
    };
    if (c.error !== undefined) {
      assert.throws(run, (err: unknown) => err instanceof ApplyConflictError && err.code === 409 && err.reason === 'Conflict' && err.message === c.error);
      return;
    }
    run();
    if (c.spec !== undefined) assert.deepEqual(obj['spec'], c.spec);
    if (c.fields) {
      const want = Object.fromEntries(Object.entries(c.fields).map(([k, v]) => [k, JSON.stringify(v)]));
      assert.deepEqual(fieldsOf(obj), want);
    }
  });
}

test('apply conflict error carries upstream causes and the conflicting managers', () => {
  const live = liveWidget({ size: 3 }, [entry('kubectl-client-side-apply', 'Update', { 'f:spec': { 'f:size': {} } })]);
  try {
    apply(live, { manager: 'kubectl', applied: widget({ size: 5 }) });
    assert.fail('expected a conflict');
  } catch (err) {
    assert.ok(err instanceof ApplyConflictError);
    assert.deepEqual(err.conflicts, [{ manager: 'kubectl-client-side-apply', field: '.spec.size' }]);
    assert.deepEqual(err.toStatus().details, {
      causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using example.com/v1', field: '.spec.size' }],
    });
  }
});

test('kubectl migrating from client-side apply: conflicts the last-applied annotation explains are forgiven', () => {
  const lastApplied = JSON.stringify({ apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: { name: 'w1', namespace: 'default' }, spec: { size: 3 } });
  const csa = entry('kubectl-client-side-apply', 'Update', {
    'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST_APPLIED_ANNOTATION}`]: {} } },
    'f:spec': { '.': {}, 'f:size': {} },
  });
  const live = liveWidget({ size: 3 }, [csa], { annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } });

  const out = apply(live, { manager: 'kubectl', applied: widget({ size: 5 }) });
  assert.deepEqual(out['spec'], { size: 5 });
  assert.equal(
    out.metadata.annotations?.[LAST_APPLIED_ANNOTATION],
    '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1","namespace":"default"},"spec":{"size":5}}\n',
  );
  assert.deepEqual(fieldsOf(out), {
    'kubectl/Apply': JSON.stringify({ 'f:spec': { 'f:size': {} } }),
    'kubectl-client-side-apply/Update': JSON.stringify({ 'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST_APPLIED_ANNOTATION}`]: {} } }, 'f:spec': {} }),
  });

  // Any other manager name gets the conflict.
  assert.throws(() => apply(live, { manager: 'my-manager', applied: widget({ size: 5 }) }), ApplyConflictError);
  // So does kubectl when the field drifted from the annotation (someone scaled it since).
  const drifted = liveWidget({ size: 4 }, [csa], { annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } });
  assert.throws(() => apply(drifted, { manager: 'kubectl', applied: widget({ size: 5 }) }), ApplyConflictError);
});

/** A Deployment configuration that only sets containers (what a sidecar injector would apply). */
function containersOnly(...containers: unknown[]): KubeObject {
  return { ...deployment([]), spec: { template: { spec: { containers } } } };
}

test('built-in kind: containers merge by name, ports by (containerPort, protocol default TCP)', () => {
  const nginx = { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] };
  let obj = apply(undefined, { manager: 'kubectl', applied: deployment([nginx], 2) }, deploymentSchema, 'apps/v1');
  obj = apply(obj, { manager: 'injector', applied: containersOnly({ name: 'proxy', image: 'envoy' }) }, deploymentSchema, 'apps/v1');
  obj = apply(obj, { manager: 'kubectl', applied: deployment([{ ...nginx, image: 'nginx:1.26' }], 2) }, deploymentSchema, 'apps/v1');

  const spec = obj['spec'] as { template: { spec: { containers: { name: string; image: string }[] } } };
  assert.deepEqual(spec.template.spec.containers.map((c) => `${c.name}=${c.image}`), ['nginx=nginx:1.26', 'proxy=envoy']);
  assert.equal(
    fieldsOf(obj)['kubectl/Apply'],
    JSON.stringify({
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    }),
  );
  assert.throws(
    () =>
      apply(obj, { manager: 'injector', applied: containersOnly({ name: 'nginx', image: 'evil' }) }, deploymentSchema, 'apps/v1'),
    (err: unknown) =>
      err instanceof ApplyConflictError && err.message === 'Apply failed with 1 conflict: conflict with "kubectl": .spec.template.spec.containers[name="nginx"].image',
  );
});

test('system metadata stays as in the live object; create leaves it to the caller', () => {
  const live = liveWidget({ size: 3 }, [entry('m1', 'Apply', { 'f:spec': { 'f:size': {} } })]);
  const out = apply(live, { manager: 'm1', applied: widget({ size: 4 }, { resourceVersion: '1', uid: 'other' }) });
  assert.equal(out.metadata.resourceVersion, '7');
  assert.equal(out.metadata.uid, 'uid-1');
  assert.equal(out.metadata.generation, 1);
  const fresh = apply(undefined, { manager: 'm1', applied: widget({ size: 4 }, { resourceVersion: '1', uid: 'other' }) });
  assert.equal(fresh.metadata.resourceVersion, undefined);
  assert.equal(fresh.metadata.uid, undefined);
  assert.equal(live.metadata.managedFields?.length, 1, 'the live object is not modified');
});

test('invalid configurations are rejected like kube-apiserver does', () => {
  const withManagedFields = widget({ size: 1 }, { managedFields: [] });
  assert.throws(
    () => apply(undefined, { manager: 'm', applied: withManagedFields }),
    (err: unknown) => err instanceof ApiError && err.code === 400 && err.message === 'metadata.managedFields must be nil',
  );
  assert.throws(
    () => apply(undefined, { manager: 'm', applied: widget({ items: [{ value: 'x' }] }) }),
    (err: unknown) =>
      err instanceof ApiError &&
      err.code === 500 &&
      err.message ===
        'failed to create typed patch object (default/w1; example.com/v1, Kind=Widget): .spec.items: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
  );
  assert.throws(
    () => apply(undefined, { manager: 'm', applied: widget({ items: [{ name: 'a' }, { name: 'a' }] }) }),
    (err: unknown) => err instanceof ApiError && err.code === 500 && err.message.endsWith('.spec.items: duplicate entries for key [name="a"]'),
  );
});

// Shared by design: the FieldsV1 of a manager's set the write left as it was is written back as stored.
test('the result shares nothing with the live object but unchanged FieldsV1: changing the rest leaves the stored object as it was', () => {
  const live = apply(undefined, { manager: 'kubectl', applied: deployment([{ name: 'app', image: 'app:1', ports: [{ containerPort: 80 }] }], 2) }, deploymentSchema, 'apps/v1');
  const stored = JSON.stringify(live);
  const scribble = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(scribble);
      value.push('scribbled');
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key === 'fieldsV1') continue;
        if (record[key] !== null && typeof record[key] === 'object') scribble(record[key]);
        else record[key] = 'scribbled';
      }
      record['scribbled'] = true;
    }
  };
  const reapplies = [
    ['the same configuration (nothing changes)', deployment([{ name: 'app', image: 'app:1', ports: [{ containerPort: 80 }] }], 2)],
    ['the same fields with a new image', deployment([{ name: 'app', image: 'app:2', ports: [{ containerPort: 80 }] }], 2)],
    ['fewer fields (some pruned)', deployment([{ name: 'app', image: 'app:2' }], 2)],
  ] as const;
  for (const [what, applied] of reapplies) {
    scribble(apply(live, { manager: 'kubectl', applied }, deploymentSchema, 'apps/v1'));
    assert.equal(JSON.stringify(live), stored, what);
  }
});
