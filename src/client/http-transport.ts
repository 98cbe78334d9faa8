// The HTTP(S) connection side of the HTTP client: keep-alive agents (one pool for requests, one without a
// socket limit for long-lived watches, so watches never starve requests), credentials and timeouts.
// Credentials go only into request headers: never into URLs, messages or errors.

import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { CONNECTION_FAILED, TIMEOUT } from './errors.js';
import type { RestConfig } from './kubeconfig.js';
import { ClientError } from './types.js';

export interface HttpTransportOptions {
  /** Concurrent connections for ordinary requests (watches use their own pool). Default 32. */
  maxSockets?: number;
  /** Idle timeout of an ordinary request in ms. Default 30,000. */
  timeoutMs?: number;
  userAgent?: string;
}

export interface HttpResponse {
  status: number;
  text: string;
}

const TOKEN_FILE_REREAD_MS = 60_000;

export class HttpTransport {
  private readonly base: URL;
  private readonly basePath: string;
  private readonly https: boolean;
  private readonly agent: HttpAgent;
  private readonly watchAgent: HttpAgent;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private tokenFromFile: { token: string; readAt: number } | undefined;

  constructor(
    private readonly config: RestConfig,
    options: HttpTransportOptions = {},
  ) {
    this.base = new URL(config.server);
    this.basePath = this.base.pathname.replace(/\/+$/, '');
    this.https = this.base.protocol === 'https:';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.userAgent = options.userAgent ?? 'kurator';
    const common = { keepAlive: true, maxFreeSockets: 8 };
    if (this.https) {
      const tls: ConstructorParameters<typeof HttpsAgent>[0] = { rejectUnauthorized: config.insecureSkipTlsVerify !== true };
      if (config.ca) tls.ca = config.ca;
      if (config.cert) tls.cert = config.cert;
      if (config.key) tls.key = config.key;
      if (config.tlsServerName) tls.servername = config.tlsServerName;
      this.agent = new HttpsAgent({ ...common, ...tls, maxSockets: options.maxSockets ?? 32 });
      this.watchAgent = new HttpsAgent({ ...common, ...tls });
    } else {
      this.agent = new HttpAgent({ ...common, maxSockets: options.maxSockets ?? 32 });
      this.watchAgent = new HttpAgent(common);
    }
  }

  /** Where requests go, for messages: the server's origin and path prefix, never credentials. */
  describe(path: string): string {
    return `${this.base.origin}${this.basePath}${path.split('?')[0]}`;
  }

  request(method: string, path: string, body?: { text: string; contentType: string }): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers = this.headers();
      if (body) {
        headers['Content-Type'] = body.contentType;
        headers['Content-Length'] = Buffer.byteLength(body.text);
      }
      const req = this.send(method, path, headers, this.agent);
      req.setTimeout(this.timeoutMs, () => req.destroy(new ClientError(0, TIMEOUT, `${method} ${this.describe(path)}: no response within ${this.timeoutMs} ms`)));
      req.on('error', (error) => reject(this.connectionError(method, path, error)));
      req.on('response', (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', (error) => reject(this.connectionError(method, path, error)));
      });
      req.end(body?.text);
    });
  }

  /** A GET whose response is streamed (watch); no idle timeout, its own connection pool. */
  stream(path: string, onResponse: (res: IncomingMessage) => void): ClientRequest {
    const req = this.send('GET', path, this.headers(), this.watchAgent);
    req.on('response', onResponse);
    req.end();
    return req;
  }

  connectionError(method: string, path: string, error: unknown): ClientError {
    if (error instanceof ClientError) return error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const detail = code ?? (error instanceof Error ? error.message : String(error));
    return new ClientError(0, CONNECTION_FAILED, `${method} ${this.describe(path)}: ${detail}`);
  }

  close(): void {
    this.agent.destroy();
    this.watchAgent.destroy();
  }

  private send(method: string, path: string, headers: OutgoingHttpHeaders, agent: HttpAgent): ClientRequest {
    const options = {
      protocol: this.base.protocol,
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || (this.https ? 443 : 80),
      path: `${this.basePath}${path}`,
      method,
      headers,
      agent,
    };
    return this.https ? httpsRequest(options) : httpRequest(options);
  }

  private headers(): OutgoingHttpHeaders {
    const headers: OutgoingHttpHeaders = { Accept: 'application/json', 'User-Agent': this.userAgent };
    const token = this.bearerToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    else if (this.config.username !== undefined && this.config.password !== undefined) {
      headers.Authorization = `Basic ${Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64')}`;
    }
    return headers;
  }

  private bearerToken(): string | undefined {
    if (this.config.token) return this.config.token;
    const file = this.config.tokenFile;
    if (!file) return undefined;
    const now = Date.now();
    if (!this.tokenFromFile || now - this.tokenFromFile.readAt > TOKEN_FILE_REREAD_MS) {
      try {
        this.tokenFromFile = { token: readFileSync(file, 'utf8').trim(), readAt: now };
      } catch {
        // Keep using the last token we read; without one, the request goes out unauthenticated.
        if (!this.tokenFromFile) return undefined;
      }
    }
    return this.tokenFromFile.token;
  }
}
