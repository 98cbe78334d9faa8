import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasCustomJsonForm } from './decode.js';
import { KINDS, MESSAGES } from './descriptors.js';
import { F_INLINE, F_KEEP_EMPTY, F_POINTER, F_REPEATED, messageFields, messageForKind } from './schema.js';

const resolvable = (name: string): boolean => messageFields(name) !== undefined || hasCustomJsonForm(name);

test('every message the tables name is described or has a hand-written JSON form', () => {
  for (const [kind, message] of Object.entries(KINDS)) assert.ok(messageFields(message), `${kind} -> ${message}`);
  for (const [name, fields] of Object.entries(MESSAGES)) {
    const numbers = new Set<number>();
    for (const [number, json, kind, flags, message, mapValue] of fields) {
      const where = `${name} field ${number}`;
      assert.ok(!numbers.has(number), `${where} is listed twice`);
      numbers.add(number);
      assert.ok(json.length > 0, where);
      assert.equal(flags & ~(F_REPEATED | F_POINTER | F_KEEP_EMPTY | F_INLINE), 0, where);
      if (kind === 'message' || (kind === 'map' && mapValue === 'message')) assert.ok(message && resolvable(message), `${where} -> ${message}`);
      if (kind === 'map') assert.ok(mapValue, where);
      if (flags & F_INLINE) assert.equal(kind, 'message', where);
    }
  }
});

test('pointer and omitempty facts for fields the brief names', () => {
  const field = (message: string, json: string) => [...messageFields(message)!.values()].find((f) => f.json === json);
  assert.equal(field('k8s.io.api.apps.v1.DeploymentSpec', 'replicas')?.pointer, true);
  assert.equal(field('k8s.io.api.apps.v1.DeploymentSpec', 'minReadySeconds')?.pointer, undefined);
  assert.equal(field('k8s.io.api.core.v1.PodSpec', 'automountServiceAccountToken')?.pointer, true);
  assert.equal(field('k8s.io.api.core.v1.PodSpec', 'containers')?.keepEmpty, true);
  assert.equal(field('k8s.io.api.core.v1.Container', 'name')?.keepEmpty, true);
  assert.equal(field('k8s.io.api.core.v1.ServicePort', 'port')?.keepEmpty, true);
  assert.equal(field('k8s.io.api.core.v1.ServicePort', 'targetPort')?.keepEmpty, undefined);
  assert.equal(field('k8s.io.api.core.v1.VolumeSource', 'emptyDir')?.pointer, true);
  assert.equal(messageFields('k8s.io.api.core.v1.Volume')!.get(2)?.inline, true);
  assert.equal(field('k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'x-kubernetes-preserve-unknown-fields')?.number, 38);
  assert.equal(field('k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', '$ref')?.number, 3);
});

test('kind lookup', () => {
  assert.equal(messageForKind('apps/v1', 'Deployment'), 'k8s.io.api.apps.v1.Deployment');
  assert.equal(messageForKind('v1', 'Event'), 'k8s.io.api.core.v1.Event');
  assert.equal(messageForKind('events.k8s.io/v1', 'Event'), 'k8s.io.api.events.v1.Event');
  assert.equal(messageForKind('batch/v1', 'DeleteOptions'), 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions');
  assert.equal(messageForKind('apps/v1', 'toString'), undefined);
  assert.equal(messageForKind('example.com/v1', 'Widget'), undefined);
});
