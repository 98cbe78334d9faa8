// A TCP proxy in front of a server (etcd) that can cut every connection through it and refuse new ones,
// to partition one client from the server and heal it again.

import { createServer, connect, type Server, type Socket } from 'node:net';

export class Partition {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private constructor(private readonly server: Server) {}

  static async start(target: string): Promise<{ partition: Partition; url: string }> {
    const { hostname, port } = new URL(target);
    let partition: Partition | undefined;
    const server = createServer((client) => {
      if (partition!.cut) return client.destroy();
      const upstream = connect(Number(port), hostname);
      for (const s of [client, upstream]) {
        partition!.sockets.add(s);
        s.on('close', () => partition!.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    partition = new Partition(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    return { partition, url: `http://127.0.0.1:${address.port}` };
  }

  isolate(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  heal(): void {
    this.cut = false;
  }

  close(): Promise<void> {
    this.isolate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

