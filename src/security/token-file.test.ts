import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTokenFile } from './token-file.js';

test('token files follow kube-apiserver --token-auth-file: token,user,uid,"group1,group2"', () => {
  const users = parseTokenFile(['t1,alice,1001,"dev,ops"', '', '# a comment', 't2,bob,1002', 't3, carol , ,admins', '"t,4",dave,1004,"a ""quoted"" group"'].join('\n'));
  assert.deepEqual(users.get('t1'), { name: 'alice', uid: '1001', groups: ['dev', 'ops'] });
  assert.deepEqual(users.get('t2'), { name: 'bob', uid: '1002', groups: [] });
  assert.deepEqual(users.get('t3'), { name: 'carol', groups: ['admins'] });
  assert.deepEqual(users.get('t,4'), { name: 'dave', uid: '1004', groups: ['a "quoted" group'] });
  assert.equal(users.size, 4);
});

test('malformed lines are refused by line number, without echoing tokens', () => {
  assert.throws(() => parseTokenFile('secret-token,alice'), (e: Error) => /line 1: expected token,user,uid/.test(e.message) && !e.message.includes('secret-token'));
  assert.throws(() => parseTokenFile('ok,a,1\nsecret-token,b,2\nsecret-token,c,3', 'tokens.csv'), (e: Error) => /tokens.csv line 3: the token is listed twice/.test(e.message) && !e.message.includes('secret-token'));
  assert.throws(() => parseTokenFile('t,"alice,1'), /line 1: unterminated quoted field/);
  assert.throws(() => parseTokenFile(',alice,1'), /must not be empty/);
});
