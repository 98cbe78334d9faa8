import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { stringify } from 'yaml';
import { MemberConnections } from './member-connections.js';
import { resources } from './resources.js';

/** A member API that answers /readyz and GETs of ConfigMaps, and remembers its connections and requests. */
class FakeMember {
  readonly server: Server;
  readonly sockets: Socket[] = [];
  readonly requests: { path: string; socket: number; authorization: string | undefined }[] = [];

  constructor() {
    this.server = createServer((req, res) => {
      this.requests.push({ path: req.url ?? '', socket: this.sockets.indexOf(req.socket), authorization: req.headers.authorization });
      const name = configMapName(req);
      if (req.url === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      } else if (name) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } }));
      } else {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
      }
    });
    this.server.on('connection', (socket: Socket) => this.sockets.push(socket));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

function configMapName(req: IncomingMessage): string | undefined {
  return /^\/api\/v1\/namespaces\/default\/configmaps\/([^/?]+)$/.exec(req.url ?? '')?.[1];
}

function kubeconfigFor(server: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'm', cluster: { server } }],
    users: [{ name: 'u', user: { token } }],
    contexts: [{ name: 'c', context: { cluster: 'm', user: 'u' } }],
    'current-context': 'c',
  });
}

const closed = (socket: Socket): Promise<void> => (socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve())));

describe('MemberConnections', () => {
  const member = new FakeMember();
  let url: string;
  const connections = new MemberConnections({ fieldManager: 'test' });

  before(async () => {
    url = await member.listen();
  });
  after(async () => {
    connections.closeAll();
    member.server.closeAllConnections();
    await new Promise<void>((resolve) => member.server.close(() => resolve()));
  });

  test('health probes and API requests of one member share its credentials and keep-alive connections', async () => {
    const connection = connections.connect('member-a', () => kubeconfigFor(url, 'token-a'), 'rv1');
    const before = member.sockets.length;
    for (let round = 0; round < 5; round++) {
      assert.deepEqual(await connection.get('/readyz'), { status: 200, text: 'ok' });
      assert.equal((await connection.client.get(resources.configmaps, 'default', 'settings'))?.metadata.name, 'settings');
    }
    const mine = member.requests.slice(-10);
    assert.deepEqual(
      mine.slice(0, 2).map((r) => r.path),
      ['/readyz', '/api/v1/namespaces/default/configmaps/settings'],
    );
    assert.ok(mine.every((r) => r.authorization === 'Bearer token-a'));
    // Ten requests one after another: the pool keeps its connections open (a request issued the moment
    // the previous one ends may open a second one), and probes ride the same ones as API requests.
    const opened = member.sockets.length - before;
    assert.ok(opened >= 1 && opened <= 2, `ten sequential requests opened ${opened} connections`);
    assert.equal(new Set(mine.map((r) => r.socket)).size, opened);
  });

  test('the same fingerprint reuses the connection; a new one replaces it and closes the old sockets', async () => {
    const first = connections.connect('member-b', () => kubeconfigFor(url, 'token-b1'), 'rv1');
    assert.equal(connections.connect('member-b', () => kubeconfigFor(url, 'token-b1'), 'rv1'), first);
    await first.get('/readyz');
    const oldSocket = member.sockets.at(-1)!;

    const second = connections.connect('member-b', () => kubeconfigFor(url, 'token-b2'), 'rv2');
    assert.notEqual(second, first);
    await closed(oldSocket);
    await second.get('/readyz');
    assert.equal(member.requests.at(-1)!.authorization, 'Bearer token-b2');
  });

  test('forget closes the member connection', async () => {
    const connection = connections.connect('member-c', () => kubeconfigFor(url, 'token-c'), 'rv1');
    await connection.client.get(resources.configmaps, 'default', 'x');
    const socket = member.sockets.at(-1)!;
    connections.forget('member-c');
    await closed(socket);
    assert.ok(socket.destroyed);
  });
});
