import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../machinery/errors.js';
import { decodeBody } from './body.js';

const decode = (text: string, contentType = 'application/json') => decodeBody(Buffer.from(text), contentType, { yaml: false });

test('a JSON body decodes to its value and keeps its text for duplicate-field checks', () => {
  const text = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}';
  assert.deepEqual(decode(text), { value: JSON.parse(text), jsonText: text });
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
});

test('a body that is not JSON is a 400 naming the parse error', () => {
  assert.throws(() => decode('{"a":'), (error: unknown) => error instanceof ApiError && error.code === 400 && /not valid JSON/.test(error.message));
});
