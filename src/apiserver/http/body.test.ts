import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../machinery/errors.js';
import { decodeBody } from './body.js';

const decode = (text: string, contentType = 'application/json') => decodeBody(Buffer.from(text), contentType);

test('a JSON body decodes to its value, with the fields it repeats when asked', () => {
  const text = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v","k":"w"}}';
  assert.deepEqual(decode(text), { value: JSON.parse(text) });
  assert.deepEqual(decodeBody(Buffer.from(text), 'application/json', { duplicates: true }), { value: JSON.parse(text), duplicates: ['data.k'] });
});

test('a JSON body nested deeper than 100 levels is a 400 that says so, however deep it goes', () => {
  for (const depth of [101, 200_000]) {
    assert.throws(
      () => decode(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      (error: unknown) => error instanceof ApiError && error.code === 400 && /nested deeper than 100 levels/.test(error.message),
    );
  }
  // 100 levels (the object and 99 lists) is still accepted.
  assert.doesNotThrow(() => decode(`{"a":${'['.repeat(99)}${']'.repeat(99)}}`));
  // The same limit when the text is scanned for repeated fields.
  const scanned = (text: string) => decodeBody(Buffer.from(text), 'application/json', { duplicates: true });
  assert.throws(() => scanned(`{"a":${'['.repeat(100)}${']'.repeat(100)}}`), (error: unknown) => error instanceof ApiError && error.code === 400 && /nested deeper than 100 levels/.test(error.message));
  assert.doesNotThrow(() => scanned(`{"a":${'['.repeat(99)}${']'.repeat(99)}}`));
});

test('a body that is not JSON is a 400 naming the parse error', () => {
  assert.throws(() => decode('{"a":'), (error: unknown) => error instanceof ApiError && error.code === 400 && /not valid JSON/.test(error.message));
});

test('a body is read by its media type, whatever the case and parameters of its Content-Type', () => {
  const text = '{"kind":"ConfigMap"}';
  for (const contentType of [undefined, 'application/json', 'Application/JSON; charset=utf-8', ' application/json ;charset=UTF-8']) {
    assert.deepEqual(decodeBody(Buffer.from(text), contentType), { value: { kind: 'ConfigMap' } }, String(contentType));
  }
  assert.deepEqual(decodeBody(Buffer.from('kind: ConfigMap'), 'Application/YAML'), { value: { kind: 'ConfigMap' } });
  assert.throws(() => decodeBody(Buffer.from(text), 'application/CBOR'), (error: unknown) => error instanceof ApiError && error.code === 415);
});
