// A tiny keep-alive HTTP(S) client for tests that speak to the API directly. Given a kubeconfig (a
// TestHub carries its admin kubeconfig), it trusts that CA and presents that client certificate or token.

import { connectionFor, type Connection, type Target } from './credentials.js';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

export class HubClient {
  private readonly connection: Connection;

  constructor(target: Target) {
    this.connection = connectionFor(target, { keepAlive: true, maxSockets: 8 });
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    const url = new URL(path, this.connection.baseUrl);
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = this.connection.request(
        url,
        {
          method,
          headers: {
            Accept: 'application/json',
            ...this.connection.headers,
            ...(payload !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.connection.agent.destroy();
  }
}
