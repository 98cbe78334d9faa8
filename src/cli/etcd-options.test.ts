import assert from 'node:assert/strict';
import { test } from 'node:test';
import { etcdHubOptions, parseDuration } from './etcd-options.js';

test('durations as Go writes them', () => {
  const cases: [string, number][] = [['15s', 15_000], ['500ms', 500], ['1m30s', 90_000], ['1.5s', 1500], ['2h', 7_200_000]];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
  for (const bad of ['15', 's', '-1s', '0s', '1d', '']) assert.throws(() => parseDuration(bad), /duration/, bad);
});

test('etcd flags become hub options; election timing is checked and names its flags', async () => {
  assert.deepEqual(await etcdHubOptions({ etcdPrefix: '/registry' }), {});
  await assert.rejects(etcdHubOptions({ etcdPrefix: '/registry', etcdCafile: 'ca.crt' }), /--etcd-cafile: only used with --etcd-servers/);
  const options = await etcdHubOptions({ etcdPrefix: '/kurator', etcdServers: 'http://a:2379, http://b:2379', leaderElectRetryPeriod: 500 });
  assert.deepEqual(options, { etcd: { endpoints: ['http://a:2379', 'http://b:2379'], prefix: '/kurator' }, leaderElection: { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 500 } });
  await assert.rejects(etcdHubOptions({ etcdPrefix: '/registry', etcdServers: 'http://a:2379', leaderElectLeaseDuration: 5000 }), /lease duration .* renew deadline .*--leader-elect-lease-duration/);
  await assert.rejects(etcdHubOptions({ etcdPrefix: '/registry', etcdServers: 'http://a:2379', etcdCertfile: 'c.crt' }), /--etcd-certfile and --etcd-keyfile go together/);
});
