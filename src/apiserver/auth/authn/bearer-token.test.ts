import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { bearerToken } from './bearer-token.js';

const tokenOf = (authorization: string | undefined): string | undefined => bearerToken({ headers: authorization === undefined ? {} : { authorization } } as IncomingMessage);

test('a bearer token is read from the Authorization header however the scheme and spacing are written', () => {
  assert.equal(tokenOf('Bearer abc.DEF-123_~+/='), 'abc.DEF-123_~+/=');
  assert.equal(tokenOf('bearer abc'), 'abc');
  assert.equal(tokenOf('  BEARER \t abc  '), 'abc');
  assert.equal(tokenOf('Bearer abc def'), 'abc');
  assert.equal(tokenOf('Bearer  abc'), 'abc');
  assert.equal(tokenOf('Bearer abc\t'), 'abc');
});

test('a header that carries no bearer token gives none', () => {
  for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Bearer    ', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Token abc']) assert.equal(tokenOf(header), undefined, String(header));
});
